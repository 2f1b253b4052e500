package dev.faultline.injectors;

import static dev.faultline.injectors.Problems.assertOneProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.yaml.YamlParams;

class BrokerOutageTypeTest {
    private static Fault configure(String with) {
        return new BrokerOutageType().configure(YamlParams.parse(with), Duration.ofSeconds(15));
    }

    @Test
    void isTheBrokerOutageTypeWithARequiredDuration() {
        assertThat(new BrokerOutageType().type()).isEqualTo("broker-outage");
        assertThat(new BrokerOutageType().durationRule()).isEqualTo(FaultType.DurationRule.REQUIRED);
    }

    @ParameterizedTest
    @CsvSource({
            "stop, mode=stop, INSTANCES",
            "KILL, mode=kill, INSTANCES",
            "Pause, mode=pause, INSTANCES",
            "disconnect, mode=disconnect, LINKED_SERVICE"})
    void readsTheMode(String mode, String description, Fault.Reach reach) {
        Fault fault = configure("{mode: " + mode + "}");

        assertThat(fault.describe()).isEqualTo(description);
        assertThat(fault.reach()).isEqualTo(reach);
    }

    @Test
    void theModeIsRequired() {
        assertOneProblem(() -> configure("{}"), "mode", "is required; expected one of stop, kill, pause, disconnect");
    }

    @Test
    void anUnknownModeIsRejectedWithTheChoices() {
        assertOneProblem(() -> configure("{mode: halt}"), "mode",
                "expected one of stop, kill, pause, disconnect but was 'halt'");
    }

    @Test
    void anUnknownFieldIsRejectedWithAHint() {
        assertOneProblem(() -> configure("{mode: stop, mood: kill}"), "mood",
                "unknown field; did you mean 'mode'? Expected one of mode");
    }
}
