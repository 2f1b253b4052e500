package dev.faultline.api;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.injectors.Direction;
import dev.faultline.injectors.Signal;

/** Typed values are written as the scenario format writes them, and every method returns a new value. */
class TypedValuesTest {
    @Test
    void percentsSizesAndRatesAreWrittenAsTheFormatWritesThem() {
        assertThat(Percent.of(5).text()).isEqualTo("5%");
        assertThat(Percent.of(0.1).text()).isEqualTo("0.1%");
        assertThat(Percent.of(100).text()).isEqualTo("100%");
        assertThat(Size.kb(64).text()).isEqualTo("64KB");
        assertThat(Size.bytes(1500).text()).isEqualTo("1500B");
        assertThat(Size.mb(2).text()).isEqualTo("2MB");
        assertThat(Rate.perSecond(20).text()).isEqualTo("20/s");
        assertThat(Rate.perMinute(1.5).text()).isEqualTo("1.5/m");
    }

    @Test
    void aPercentThatCannotBeWrittenIsRefusedAtOnce() {
        assertThatThrownBy(() -> Percent.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a percentage must be a finite number, but was NaN");
    }

    @Test
    void targetsAreWrittenAsTheFormatWritesThem() {
        assertThat(Targets.service("worker").all().text()).isEqualTo("worker");
        assertThat(Targets.service("worker").instance(1).text()).isEqualTo("worker[1]");
        assertThat(Targets.service("worker").random().text()).isEqualTo("worker[random]");
        assertThat(Targets.service("worker").percent(50).text()).isEqualTo("worker[50%]");
        assertThat(Targets.link("worker", "rabbitmq").text()).isEqualTo("worker->rabbitmq");
        assertThat(Targets.link(Targets.service("worker").instance(0), "postgres").text())
                .isEqualTo("worker[0]->postgres");
    }

    @Test
    void aRecoveryCanBeJudgedOnTheMeasuredValue() {
        assertThat(Objectives.recovery(ofSeconds(3)).judgedOnMeasuredValue().fields())
                .containsExactly(Map.entry("within", ofSeconds(3)), Map.entry("judge-on", "measured"));
        assertThat(Objectives.recovery(ofSeconds(3)).fields()).doesNotContainKey("judge-on");
    }

    @Test
    void aClockSkewOffsetIsSigned() {
        assertThat(Faults.clockSkew(ofSeconds(30)).settings()).containsEntry("offset", "+30s");
        assertThat(Faults.clockSkew(ofMillis(-1500)).settings()).containsEntry("offset", "-1500ms");
    }

    @Test
    void aNetworkFaultKeepsItsEffectsInOrderAndPlacesLikeAnyFault() {
        FaultDefinition fault = Faults.network().latency(ofMillis(300)).jitter(ofMillis(50))
                .direction(Direction.DOWNSTREAM).toxicity(Percent.of(50)).on("worker->postgres")
                .at(ofSeconds(10)).lasting(ofSeconds(15));

        assertThat(fault.toDocument("slow")).containsExactly(
                Map.entry("name", "slow"), Map.entry("type", "network"), Map.entry("target", "worker->postgres"),
                Map.entry("at", ofSeconds(10)), Map.entry("duration", ofSeconds(15)),
                Map.entry("with", Map.of("latency", ofMillis(300), "jitter", ofMillis(50), "direction", "downstream",
                        "toxicity", "50%")));
    }

    @Test
    void everyMethodReturnsANewDefinition() {
        FaultDefinition crash = Faults.agentCrash(Signal.TERM);

        FaultDefinition placed = crash.on("worker[0]");

        assertThat(crash.target()).isNull();
        assertThat(placed.target()).isEqualTo("worker[0]");
        assertThat(crash.with("x", 1).settings()).containsKey("x");
        assertThat(crash.settings()).doesNotContainKey("x");
    }

    @Test
    void sloBoundsAreWrittenWithTheirComparison() {
        Slo slo = Objectives.slo().errorRateBelow(Percent.of(1)).throughputAtLeast(Rate.perSecond(18))
                .p95Latency(Comparison.AT_MOST, ofMillis(250));

        assertThat(slo.fields()).containsExactly(Map.entry("error-rate", "< 1%"), Map.entry("throughput", ">= 18/s"),
                Map.entry("p95-latency", "<= 250ms"));
    }
}
