package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which driver timeouts bound a store call ({@code BREAKERS}, {@code STORE_TIMEOUT}). */
class StoreTimeoutTest {
    private static AgentConfig config(Map<String, String> env) throws InvalidConfigException {
        return AgentConfig.fromEnvironment(env, () -> "w-1");
    }

    @Test
    void withBreakersOpeningAndEachRoundTripAreBoundedByTheStoreTimeout() throws Exception {
        AgentConfig config = config(Map.of("AGENT_ROLE", "orchestrator", "STORE_TIMEOUT", "500ms"));

        Properties driver = Store.driverProperties(config);

        assertThat(driver.getProperty("loginTimeout")).isEqualTo("0.5");
        assertThat(driver.getProperty("socketTimeout")).as("whole seconds, for the abandoned login").isEqualTo("1");
        assertThat(Store.networkTimeoutMs(config)).isEqualTo(500);
    }

    @Test
    void byDefaultAStoreCallMayTakeTwoSeconds() throws Exception {
        AgentConfig config = config(Map.of("AGENT_ROLE", "worker"));

        assertThat(Store.driverProperties(config).getProperty("loginTimeout")).isEqualTo("2.0");
        assertThat(Store.networkTimeoutMs(config)).isEqualTo(2000);
    }

    @Test
    void withBreakersOffACallWaitsAsLongAsTheStoreTakes() throws Exception {
        for (Map<String, String> env : List.of(Map.of("AGENT_ROLE", "orchestrator", "BREAKERS", "off"),
                Map.of("AGENT_ROLE", "worker", "SAFEGUARDS", "off"))) {
            AgentConfig config = config(env);

            Properties driver = Store.driverProperties(config);

            assertThat(driver.getProperty("loginTimeout")).as(env.toString()).isNull();
            assertThat(driver.getProperty("socketTimeout")).as(env.toString()).isNull();
            assertThat(Store.networkTimeoutMs(config)).as(env.toString()).isZero();
        }
    }

    @Test
    void openingAConnectionAndTheCallsRoundTripsShareOneTimeout() throws Exception {
        List<Integer> networkTimeouts = new CopyOnWriteArrayList<>();
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setNetworkTimeout")) {
                        networkTimeouts.add((Integer) args[1]);
                    }
                    return method.getName().equals("isClosed") ? false : null;
                });
        Store store = new Store("jdbc:fake", () -> {
            try {
                Thread.sleep(300); // a slow login: the sleep is the point
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return connection;
        }, true, 500);

        store.call(c -> 1);

        assertThat(networkTimeouts).singleElement().satisfies(ms -> assertThat(ms).isBetween(1, 200));
    }

    @Test
    void aFreshConnectionIsOpenedWithinTheCallsTimeout() throws Exception {
        List<Long> leftMs = new CopyOnWriteArrayList<>();
        Store.Opener opener = new Store.Opener() {
            @Override
            public Connection open() {
                throw new AssertionError("opened without the call's deadline");
            }

            @Override
            public Connection open(long deadline) throws java.sql.SQLException {
                leftMs.add(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                throw new java.sql.SQLException("Connection attempt timed out.", "08001");
            }
        };
        Store store = new Store("jdbc:fake", opener, true, 500);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.call(c -> 1))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(leftMs).singleElement().satisfies(ms -> assertThat(ms).isBetween(1L, 500L));
    }
}
