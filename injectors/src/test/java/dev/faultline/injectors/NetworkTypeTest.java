package dev.faultline.injectors;

import static dev.faultline.injectors.Problems.assertOneProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.yaml.YamlParams;

class NetworkTypeTest {
    private static final Duration WINDOW = Duration.ofSeconds(15);

    private static NetworkFault configure(String with) {
        return (NetworkFault) new NetworkType().configure(YamlParams.parse(with), WINDOW);
    }

    private static void assertRejected(String with, String path, String message) {
        assertOneProblem(() -> configure(with), path, message);
    }

    @Test
    void isTheNetworkTypeWithARequiredDurationActingOnLinks() {
        NetworkType type = new NetworkType();

        assertThat(type.type()).isEqualTo("network");
        assertThat(type.durationRule()).isEqualTo(FaultType.DurationRule.REQUIRED);
        assertThat(configure("{latency: 200ms}").reach()).isEqualTo(Fault.Reach.LINKS);
    }

    // ---- latency and jitter

    @Test
    void latencyActsBothWaysOnEveryConnectionByDefault() {
        NetworkFault fault = configure("{latency: 200ms}");

        assertThat(fault.describe()).isEqualTo("latency=200ms direction=both toxicity=100%");
        assertThat(fault.toxics()).extracting(Toxic::type, Toxic::stream, Toxic::toxicity, Toxic::attributes)
                .containsExactly(
                        tuple("latency", Direction.UPSTREAM, 1.0, Map.of("latency", 200L, "jitter", 0L)),
                        tuple("latency", Direction.DOWNSTREAM, 1.0, Map.of("latency", 200L, "jitter", 0L)));
    }

    @Test
    void jitterVariesTheLatency() {
        NetworkFault fault = configure("{latency: 300ms, jitter: 50ms, direction: downstream}");

        assertThat(fault.describe()).isEqualTo("latency=300ms jitter=50ms direction=downstream toxicity=100%");
        assertThat(fault.toxics()).singleElement()
                .extracting(Toxic::stream, Toxic::attributes)
                .containsExactly(Direction.DOWNSTREAM, Map.of("latency", 300L, "jitter", 50L));
    }

    @Test
    void jitterNeedsLatency() {
        assertRejected("{jitter: 50ms}", "jitter",
                "needs latency: jitter varies each delay around the latency (e.g. latency: 200ms, jitter: 50ms)");
    }

    @Test
    void latencyMustBeGreaterThanZero() {
        assertRejected("{latency: 0ms}", "latency", "expected a duration greater than 0 (e.g. 200ms) but was '0ms'");
    }

    @Test
    void latencyIsWholeMilliseconds() {
        assertRejected("{latency: 0.5ms}", "latency",
                "expected a whole number of milliseconds (the proxy's unit) but was '0.5ms'");
    }

    @Test
    void latencyMustBeADuration() {
        assertRejected("{latency: slow}", "latency", "expected a duration like 250ms, 10s or 2m, but was 'slow'");
    }

    // ---- bandwidth

    @Test
    void bandwidthIsARateOfBytesSentInTheProxysThousandBytesUnit() {
        NetworkFault fault = configure("{bandwidth: 64KB/s, direction: upstream}");

        assertThat(fault.describe()).isEqualTo("bandwidth=64KB/s direction=upstream toxicity=100%");
        assertThat(fault.toxics()).singleElement()
                .extracting(Toxic::type, Toxic::attributes)
                .containsExactly("bandwidth", Map.of("rate", 66L)); // 65536 B/s is 65.5 units of 1000 B/s
    }

    @Test
    void bandwidthInMegabytes() {
        assertThat(configure("{bandwidth: 1MB/s}").toxics().get(0).attributes()).isEqualTo(Map.of("rate", 1049L));
    }

    @Test
    void bandwidthNeedsPerSecond() {
        assertRejected("{bandwidth: 64KB}", "bandwidth", "expected a rate of bytes like 64KB/s or 1MB/s but was '64KB'");
    }

    @Test
    void bandwidthNeedsASize() {
        assertRejected("{bandwidth: fast/s}", "bandwidth",
                "expected a rate of bytes like 64KB/s or 1MB/s but was 'fast/s'");
    }

    @Test
    void bandwidthBelowTheProxysResolutionIsRejected() {
        assertRejected("{bandwidth: 512B/s}", "bandwidth",
                "expected at least 1000B/s (the proxy's resolution) but was '512B/s'");
    }

    // ---- timeout, reset, slow-close, limit-data

    @Test
    void timeoutZeroHoldsAllData() {
        NetworkFault fault = configure("{timeout: 0s}");

        assertThat(fault.describe()).isEqualTo("timeout=0s direction=both toxicity=100%");
        assertThat(fault.toxics()).extracting(Toxic::type, Toxic::attributes)
                .containsOnly(tuple("timeout", Map.of("timeout", 0L)));
    }

    @Test
    void timeoutClosesAfterItsDuration() {
        assertThat(configure("{timeout: 5s}").toxics().get(0).attributes()).isEqualTo(Map.of("timeout", 5000L));
    }

    @Test
    void resetIsAResetPeerToxic() {
        NetworkFault fault = configure("{reset: 2s, direction: downstream}");

        assertThat(fault.describe()).isEqualTo("reset=2s direction=downstream toxicity=100%");
        assertThat(fault.toxics()).singleElement()
                .extracting(Toxic::label, Toxic::type, Toxic::attributes)
                .containsExactly("reset", "reset_peer", Map.of("timeout", 2000L));
    }

    @Test
    void resetZeroResetsAtOnce() {
        assertThat(configure("{reset: 0s}").toxics().get(0).attributes()).isEqualTo(Map.of("timeout", 0L));
    }

    @Test
    void slowCloseDelaysTheClose() {
        NetworkFault fault = configure("{slow-close: 3s}");

        assertThat(fault.describe()).isEqualTo("slow-close=3s direction=both toxicity=100%");
        assertThat(fault.toxics()).extracting(Toxic::type, Toxic::attributes)
                .containsOnly(tuple("slow_close", Map.of("delay", 3000L)));
    }

    @Test
    void slowCloseMustBeGreaterThanZero() {
        assertRejected("{slow-close: 0s}", "slow-close",
                "expected a duration greater than 0 (e.g. 200ms) but was '0s'");
    }

    @Test
    void limitDataClosesAfterSoManyBytes() {
        NetworkFault fault = configure("{limit-data: 1MB}");

        assertThat(fault.describe()).isEqualTo("limit-data=1MB direction=both toxicity=100%");
        assertThat(fault.toxics()).extracting(Toxic::type, Toxic::attributes)
                .containsOnly(tuple("limit_data", Map.of("bytes", 1048576L)));
    }

    @Test
    void limitDataMustBeAtLeastOneByte() {
        assertRejected("{limit-data: 0B}", "limit-data", "expected a size of at least 1B but was '0B'");
    }

    @Test
    void limitDataMustBeASize() {
        assertRejected("{limit-data: lots}", "limit-data", "expected a size like 512KB, 1MB or 512m, but was 'lots'");
    }

    // ---- slicer

    @Test
    void slicerCutsDataIntoPieces() {
        NetworkFault fault = configure("{slicer: {average-size: 64B, size-variation: 16B, delay: 0.5ms}}");

        assertThat(fault.describe())
                .isEqualTo("slicer={average-size=64B size-variation=16B delay=0.5ms} direction=both toxicity=100%");
        assertThat(fault.toxics().get(0).attributes())
                .isEqualTo(Map.of("average_size", 64L, "size_variation", 16L, "delay", 500L));
    }

    @Test
    void slicerVariesNotAndWaitsNotByDefault() {
        assertThat(configure("{slicer: {average-size: 1KB}}").toxics().get(0).attributes())
                .isEqualTo(Map.of("average_size", 1024L, "size_variation", 0L, "delay", 0L));
    }

    @Test
    void slicerNeedsAnAverageSize() {
        assertRejected("{slicer: {delay: 1ms}}", "slicer.average-size",
                "is required (the size of a piece, e.g. 64B)");
    }

    @Test
    void slicerVariationMustBeBelowTheAverage() {
        assertRejected("{slicer: {average-size: 64B, size-variation: 64B}}", "slicer.size-variation",
                "expected a size less than average-size (64B) but was '64B'");
    }

    @Test
    void slicerDelayIsWholeMicroseconds() {
        assertRejected("{slicer: {average-size: 64B, delay: 0.0005ms}}", "slicer.delay",
                "expected a whole number of microseconds (e.g. 0.5ms) but was '0.0005ms'");
    }

    @Test
    void slicerRejectsUnknownFieldsWithAHint() {
        assertRejected("{slicer: {average-size: 64B, delai: 1ms}}", "slicer.delai",
                "unknown field; did you mean 'delay'? Expected one of average-size, size-variation, delay");
    }

    // ---- partition

    @Test
    void partitionHoldsBothDirections() {
        NetworkFault fault = configure("{partition: true}");

        assertThat(fault.describe()).isEqualTo("partition=true direction=both toxicity=100%");
        assertThat(fault.toxics()).extracting(Toxic::label, Toxic::type, Toxic::stream, Toxic::attributes)
                .containsExactly(
                        tuple("partition", "timeout", Direction.UPSTREAM, Map.of("timeout", 0L)),
                        tuple("partition", "timeout", Direction.DOWNSTREAM, Map.of("timeout", 0L)));
    }

    @Test
    void partitionStandsAlone() {
        assertRejected("{partition: true, latency: 100ms}", "partition",
                "holds all data both ways, so latency would have nothing to act on; remove partition or the other "
                        + "effects");
    }

    @Test
    void partitionTakesNoDirection() {
        assertRejected("{partition: true, direction: upstream}", "direction",
                "a partition cuts both directions; remove direction (or use timeout: 0s with a direction to hold one "
                        + "way only)");
    }

    @Test
    void partitionMustBeABoolean() {
        assertRejected("{partition: maybe}", "partition", "expected true or false but was 'maybe'");
    }

    // ---- direction, toxicity, effects

    @Test
    void directionMustBeKnown() {
        assertRejected("{latency: 1s, direction: sideways}", "direction",
                "expected one of upstream, downstream, both but was 'sideways'");
    }

    @Test
    void toxicityIsTheShareOfConnections() {
        NetworkFault fault = configure("{latency: 1s, toxicity: 25%}");

        assertThat(fault.describe()).isEqualTo("latency=1s direction=both toxicity=25%");
        assertThat(fault.toxics()).extracting(Toxic::toxicity).containsOnly(0.25);
    }

    @Test
    void toxicityMustBeAboveZero() {
        assertRejected("{latency: 1s, toxicity: 0%}", "toxicity", "expected a percentage greater than 0% but was '0%'");
    }

    @Test
    void toxicityIsAPercentage() {
        assertRejected("{latency: 1s, toxicity: 0.5}", "toxicity", "expected a percentage like 5%, but was '0.5'");
    }

    @Test
    void effectsCombine() {
        NetworkFault fault = configure("{latency: 100ms, bandwidth: 1MB/s, direction: downstream}");

        assertThat(fault.describe()).isEqualTo("latency=100ms bandwidth=1MB/s direction=downstream toxicity=100%");
        assertThat(fault.toxics()).extracting(Toxic::type).containsExactly("latency", "bandwidth");
    }

    @Test
    void atLeastOneEffectIsRequired() {
        assertRejected("{direction: upstream}", "(root)",
                "expected at least one effect (latency, bandwidth, timeout, reset, slow-close, slicer, limit-data or "
                        + "partition) but found none");
    }

    @Test
    void aPartitionSetToFalseIsNoEffect() {
        assertRejected("{partition: false}", "(root)",
                "expected at least one effect (latency, bandwidth, timeout, reset, slow-close, slicer, limit-data or "
                        + "partition) but found none");
    }

    @Test
    void anUnknownFieldIsRejectedWithAHint() {
        assertRejected("{latncy: 1s}", "latncy", "unknown field; did you mean 'latency'? Expected one of latency, "
                + "jitter, bandwidth, timeout, reset, slow-close, slicer, limit-data, partition, direction, toxicity");
    }

    @Test
    void toxicsAreNamedAfterTheFaultTheEffectAndTheStream() {
        assertThat(configure("{slow-close: 1s}").toxics()).extracting(t -> t.name("slow-link"))
                .containsExactly("faultline-slow-link-slow-close-upstream", "faultline-slow-link-slow-close-downstream");
    }
}
