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
import dev.faultline.injectors.state.StateCorruption;

class DataCorruptionTypeTest {
    private static DataCorruption configure(String with) {
        return (DataCorruption) configure(with, Duration.ofSeconds(15));
    }

    private static Fault configure(String with, Duration duration) {
        return new DataCorruptionType().configure(YamlParams.parse(with), duration);
    }

    @Test
    void isTheDataCorruptionTypeWhoseDurationIsCheckedPerKind() {
        assertThat(new DataCorruptionType().type()).isEqualTo("data-corruption");
        assertThat(new DataCorruptionType().durationRule()).isEqualTo(FaultType.DurationRule.OPTIONAL);
    }

    @Test
    void streamCorruptionActsOnLinks() {
        assertThat(configure("{kind: stream, rate: 1%}").reach()).isEqualTo(Fault.Reach.LINKS);
    }

    @Test
    void streamCorruptionNeedsADuration() {
        assertOneProblem(() -> configure("{kind: stream, rate: 1%}", null), "kind",
                "stream lasts a while: the fault needs a duration (e.g. duration: 15s)");
    }

    @Test
    void streamCorruptionFlipsBitsBothWaysByDefault() {
        DataCorruption fault = configure("{kind: stream, rate: 0.1%}");

        assertThat(fault.describe()).isEqualTo("kind=stream rate=0.1% direction=both");
        assertThat(fault.toxics(7L)).extracting(Toxic::type, Toxic::stream, Toxic::toxicity, Toxic::attributes)
                .containsExactly(
                        tuple("corrupt", Direction.UPSTREAM, 1.0, Map.of("rate", 0.001, "seed", 7L)),
                        tuple("corrupt", Direction.DOWNSTREAM, 1.0, Map.of("rate", 0.001, "seed", 7L)));
    }

    @Test
    void theDirectionCanBeOneWay() {
        DataCorruption fault = configure("{kind: stream, rate: 0.05%, direction: downstream}");

        assertThat(fault.describe()).isEqualTo("kind=stream rate=0.05% direction=downstream");
        assertThat(fault.toxics(7L)).extracting(Toxic::stream).containsExactly(Direction.DOWNSTREAM);
    }

    @Test
    void theSeedIsTheFaultsSeedSoARunRepeats() {
        DataCorruption fault = configure("{kind: stream, rate: 1%}");

        assertThat(fault.toxics(-123456789L).get(0).attributes()).containsEntry("seed", -123456789L);
    }

    @Test
    void aZeroSeedIsNotSentAsZeroWhichWouldMeanRandom() {
        DataCorruption fault = configure("{kind: stream, rate: 1%}");

        assertThat(fault.toxics(0L).get(0).attributes().get("seed")).isNotEqualTo(0L);
    }

    @Test
    void theKindIsRequired() {
        assertOneProblem(() -> configure("{rate: 1%}"), "kind",
                "is required; expected stream, poison-messages, state, duplicate-delivery");
    }

    @Test
    void withoutAKindAnUnknownFieldIsReportedAmongEveryKindsFields() {
        assertOneProblem(() -> configure("{rat: 1%}"), "rat", "unknown field; did you mean 'rate'? Expected one of"
                + " kind, rate, direction, count, queue, adapter, user, password, store, table, owner-column, order-by,"
                + " column, port, database");
    }

    @Test
    void theStateKindIsReadWithItsOwnFields() {
        assertThat(configure("{kind: state, table: checkpoints}", Duration.ofSeconds(8)))
                .isInstanceOf(StateCorruption.class);
    }

    @Test
    void theStateKindTakesNoFieldOfAnotherKind() {
        assertOneProblem(() -> configure("{kind: state, rate: 1%}", Duration.ofSeconds(8)), "rate",
                "unknown field; expected one of kind, store, adapter, table, owner-column, order-by, column, port,"
                        + " user, password, database");
    }

    @Test
    void theStateKindNeedsADuration() {
        assertOneProblem(() -> configure("{kind: state}", null), "kind",
                "state lasts a while: the fault needs a duration (e.g. duration: 8s)");
    }

    @Test
    void anUnknownKindIsRejectedWithTheAvailableOnes() {
        assertOneProblem(() -> configure("{kind: bits, rate: 1%}"), "kind",
                "expected stream, poison-messages, state, duplicate-delivery but was 'bits'");
    }

    @Test
    void theRateIsRequired() {
        assertOneProblem(() -> configure("{kind: stream}"), "rate",
                "is required: the share of bytes that get one bit flipped (e.g. 0.1%)");
    }

    @Test
    void theRateMustBeAboveZero() {
        assertOneProblem(() -> configure("{kind: stream, rate: 0%}"), "rate",
                "expected a percentage greater than 0% but was '0%'");
    }

    @Test
    void theRateIsAPercentage() {
        assertOneProblem(() -> configure("{kind: stream, rate: 0.001}"), "rate",
                "expected a percentage like 5%, but was '0.001'");
    }

    @Test
    void theRateIsAtMostAHundredPercent() {
        assertOneProblem(() -> configure("{kind: stream, rate: 150%}"), "rate",
                "expected a percentage between 0% and 100%, but was '150%'");
    }

    @Test
    void directionMustBeKnown() {
        assertOneProblem(() -> configure("{kind: stream, rate: 1%, direction: up}"), "direction",
                "expected one of upstream, downstream, both but was 'up'");
    }

    @Test
    void anUnknownFieldIsRejectedWithAHint() {
        assertOneProblem(() -> configure("{kind: stream, rat: 1%}"), "rat",
                "unknown field; did you mean 'rate'? Expected one of kind, rate, direction");
    }
}
