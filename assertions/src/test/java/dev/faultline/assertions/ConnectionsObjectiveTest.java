package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.Objective.Check;

class ConnectionsObjectiveTest {
    private final ConnectionsObjectiveType type = new ConnectionsObjectiveType();

    private Objective configure(Object... keysAndValues) {
        return type.configure(MapParams.of("objectives.connections", keysAndValues), Runs.SUPPORT_DESK_LINKED);
    }

    /**
     * rabbitmq down from 2 s to 6 s (a 4 s window, recovered at once): 3 attempts a second before and after it,
     * 30 in its first second, 10 a second in the three after.
     */
    private static Runs retryStorm() {
        Runs runs = new Runs().api("+".repeat(100)).window("broker-away", "rabbitmq", 2_000, 6_000);
        long count = 0;
        for (long t = 0; t <= 10_000; t += 100) {
            runs.connections("rabbitmq", t, count);
            if (t >= 2_000 && t < 3_000) {
                count += 3;
            } else if (t >= 3_000 && t < 6_000) {
                count += 1;
            } else if (t % 1_000 < 300) {
                count += 1;
            }
        }
        return runs;
    }

    @Test
    void thePeakRateIsTheMostAttemptsInOneSecond() {
        assertThat(Runs.evaluate(configure("service", "rabbitmq", "peak-rate", "<= 40/s"), retryStorm().run()))
                .containsExactly(new Check("connections[rabbitmq].peak-rate", "<= 40/s", "30/s", true));
    }

    @Test
    void aPeakRateOverTheBoundIsViolated() {
        assertThat(Runs.evaluate(configure("service", "rabbitmq", "peak-rate", "<= 10/s"), retryStorm().run()))
                .containsExactly(new Check("connections[rabbitmq].peak-rate", "<= 10/s", "30/s", false));
    }

    @Test
    void theMeanRateCountsOnlyTheFaultWindow() {
        // 30 + 3 x 10 attempts in 4 s
        assertThat(Runs.evaluate(configure("service", "rabbitmq", "mean-rate", "< 20/s"), retryStorm().run()))
                .containsExactly(new Check("connections[rabbitmq].mean-rate", "< 20/s", "15/s", true));
    }

    @Test
    void aServiceNeverSampledMeetsNoBound() {
        Runs runs = new Runs().api("++++").connections("postgres", 0, 4);

        assertThat(Runs.evaluate(configure("service", "rabbitmq", "peak-rate", "<= 10/s"), runs.run()))
                .containsExactly(new Check("connections[rabbitmq].peak-rate", "<= 10/s",
                        "not sampled (the fault proxy never answered)", false));
    }

    @Test
    void aMeanRateWithoutAFaultMeetsNoBound() {
        Runs runs = new Runs().api("++++").connections("rabbitmq", 0, 4).connections("rabbitmq", 300, 6);

        assertThat(Runs.evaluate(configure("service", "rabbitmq", "mean-rate", "<= 10/s"), runs.run()))
                .containsExactly(new Check("connections[rabbitmq].mean-rate", "<= 10/s", "no fault was injected",
                        false));
    }

    @Test
    void aServiceNoLinkLeadsToIsRejected() {
        assertThatThrownBy(() -> configure("service", "postgres", "peak-rate", "<= 10/s"))
                .hasMessage("objectives.connections.service: expected a service that a link leads to (rabbitmq), "
                        + "but was 'postgres'");
    }

    @Test
    void aBoundWithoutAComparisonIsRejected() {
        assertThatThrownBy(() -> configure("service", "rabbitmq", "peak-rate", "10/s"))
                .hasMessage("objectives.connections.peak-rate: expected a comparison (<, <=, >, >=) and a "
                        + "rate, like \"<= 10/s\", but was '10/s'");
    }

    @Test
    void anUnknownFigureIsRejected() {
        assertThatThrownBy(() -> configure("service", "rabbitmq", "max-rate", "<= 10/s"))
                .hasMessageContaining("objectives.connections.max-rate: unknown field");
    }

    @Test
    void theServiceIsRequired() {
        assertThatThrownBy(() -> configure("peak-rate", "<= 10/s"))
                .hasMessage("objectives.connections.service: is required: the service behind the fault proxy, one that "
                        + "a link leads to (rabbitmq)");
    }

    @Test
    void atLeastOneBoundIsRequired() {
        assertThatThrownBy(() -> configure("service", "rabbitmq"))
                .hasMessage("objectives.connections.peak-rate: expected at least one of peak-rate, mean-rate, like "
                        + "peak-rate: \"<= 10/s\"");
    }
}
