package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The orchestrator's store breaker ({@code BREAKERS}) in front of a store whose every call times out. */
class OrchestratorBreakerTest {
    private final AtomicInteger asked = new AtomicInteger();
    /** Every connection attempt fails as the driver's login timeout does (SQLSTATE 08001). */
    private final Store timingOut = new Store("jdbc:fake", () -> {
        asked.incrementAndGet();
        throw new SQLException("Connection attempt timed out.", "08001");
    }, true);

    @AfterEach
    void close() {
        timingOut.close();
    }

    private Orchestrator orchestrator(String breakers) throws InvalidConfigException {
        Map<String, String> env = new HashMap<>();
        env.put("AGENT_ROLE", "orchestrator");
        env.put("BREAKERS", breakers);
        AgentConfig config = AgentConfig.fromEnvironment(env, () -> "test-orchestrator");
        return new Orchestrator(config, timingOut, new Broker(config), () -> false);
    }

    private static HttpApi.Request task(int n) {
        return new HttpApi.Request("POST", "/tasks",
                ("{\"id\":\"t-" + n + "\",\"payload\":{}}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withBreakersOnceThreeCallsTimedOutATaskIsRefusedWithoutAskingTheStore() throws Exception {
        Orchestrator o = orchestrator("on");
        for (int n = 1; n <= 3; n++) {
            int id = n;
            assertThatThrownBy(() -> o.postTask(task(id))).isInstanceOf(StoreUnavailableException.class);
        }

        assertThatThrownBy(() -> o.postTask(task(4))).isInstanceOf(CallNotPermittedException.class); // HTTP 503

        assertThat(asked).hasValue(3);
    }

    @Test
    void withBreakersOffEveryTaskWaitsOnTheStore() throws Exception {
        Orchestrator o = orchestrator("off");
        for (int n = 1; n <= 6; n++) {
            int id = n;
            assertThatThrownBy(() -> o.postTask(task(id))).isInstanceOf(StoreUnavailableException.class);
        }

        assertThat(asked).hasValue(6);
    }
}
