package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.core.IntervalFunction;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The wait between broker reconnect attempts, with and without {@code RETRY_JITTER}. */
class ReconnectIntervalTest {

    private static IntervalFunction intervalFor(Map<String, String> extra) throws InvalidConfigException {
        Map<String, String> env = new HashMap<>(extra);
        env.put("AGENT_ROLE", "worker");
        return Broker.reconnectInterval(AgentConfig.fromEnvironment(env, () -> "host-1"));
    }

    @Test
    void byDefaultReconnectsBackOffAndAreJittered() throws Exception {
        IntervalFunction interval = intervalFor(Map.of());

        // the 6th wait: 200 ms doubled five times, capped at 2 s, then randomized by ±50 %: 1 s .. 3 s
        long[] sixth = IntStream.range(0, 200).mapToLong(i -> interval.apply(6)).toArray();
        assertThat(java.util.Arrays.stream(sixth).min().orElseThrow()).isGreaterThanOrEqualTo(1000L);
        assertThat(java.util.Arrays.stream(sixth).max().orElseThrow()).isLessThanOrEqualTo(3000L);
        assertThat(java.util.Arrays.stream(sixth).distinct().count()).as("jittered waits differ").isGreaterThan(50);
    }

    @Test
    void retryJitterOffReconnectsEvery50msWithoutBackoff() throws Exception {
        IntervalFunction interval = intervalFor(Map.of("RETRY_JITTER", "off"));

        assertThat(IntStream.rangeClosed(1, 30).mapToLong(interval::apply)).containsOnly(50L);
    }

    @Test
    void safeguardsOffAlsoTurnsTheJitterOff() throws Exception {
        IntervalFunction interval = intervalFor(Map.of("SAFEGUARDS", "off"));

        assertThat(IntStream.rangeClosed(1, 30).mapToLong(interval::apply)).containsOnly(50L);
    }

    @Test
    void retryJitterIsReadAsOnOrOff() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("AGENT_ROLE", "worker", "RETRY_JITTER", "sometimes"));

        InvalidConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidConfigException.class,
                () -> AgentConfig.fromEnvironment(env, () -> "host-1"));

        assertThat(e.getMessage()).contains("RETRY_JITTER: expected on or off but was 'sometimes'");
        assertThat(AgentConfig.fromEnvironment(Map.of("AGENT_ROLE", "worker"), () -> "h").switches().retryJitter())
                .isTrue();
    }
}
