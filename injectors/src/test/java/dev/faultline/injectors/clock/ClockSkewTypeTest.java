package dev.faultline.injectors.clock;

import static dev.faultline.injectors.Problems.assertOneProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.ContainerSetup;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.Plugins;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.engine.yaml.YamlParams;
import dev.faultline.injectors.DeskScenario;

class ClockSkewTypeTest {
    private static final String EXPECTED = "expected a signed duration like +30s, -30s or +1500ms (units ms, s, m, h)";

    @TempDir
    Path dir;

    private static ClockSkew configure(String with) {
        return (ClockSkew) new ClockSkewType().configure(YamlParams.parse(with), Duration.ofSeconds(8));
    }

    private Scenario load(String fault) throws IOException {
        return DeskScenario.load(dir, new ClockSkewType(), fault);
    }

    @Test
    void isTheClockSkewTypeWithARequiredDuration() {
        assertThat(new ClockSkewType().type()).isEqualTo("clock-skew");
        assertThat(new ClockSkewType().durationRule()).isEqualTo(FaultType.DurationRule.REQUIRED);
    }

    @ParameterizedTest
    @CsvSource({"+30s, 30000", "-30s, -30000", "+1500ms, 1500", "-2m, -120000", "+1h, 3600000", "+0.5s, 500",
        "+8760h, 31536000000"})
    void readsASignedOffset(String offset, long millis) {
        assertThat(configure("{offset: '" + offset + "'}").offset()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void describesTheOffsetAndTheWindow() {
        assertThat(configure("{offset: '-1500ms'}").describe()).isEqualTo("wall clock -1500ms for 8s");
    }

    @Test
    void anOffsetIsRequired() {
        assertOneProblem(() -> configure("{}"), "offset", "is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s", "+30", "+ 30s", "++30s", "+-30s", "+30d", "+1e3s", "+30S", "thirty", "+30s;rm",
        "-", "+.5s", "+1234567890123s"})
    void anOffsetThatIsNotASignedDurationIsRejected(String offset) {
        assertOneProblem(() -> configure("{offset: '" + offset + "'}"), "offset", EXPECTED + " but was '" + offset
                + "'");
    }

    @Test
    void aControlCharacterInARejectedOffsetIsNotEchoed() {
        assertOneProblem(() -> configure("{offset: \"+30s\\u001b[2J\"}"), "offset",
                EXPECTED + " but was '+30s?[2J'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+0s", "-0ms", "+0.0000001ms"})
    void anOffsetOfZeroIsRejected(String offset) {
        assertOneProblem(() -> configure("{offset: '" + offset + "'}"), "offset",
                "expected a clock moved by more than 0 (e.g. +30s) but was '" + offset + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+8761h", "-525601m", "+999999999999h"})
    void anOffsetOfMoreThanAYearIsRejected(String offset) {
        assertOneProblem(() -> configure("{offset: '" + offset + "'}"), "offset",
                "expected at most 365 days either way (8760h) but was '" + offset + "'");
    }

    @Test
    void takesNoOtherField() {
        assertOneProblem(() -> configure("{offset: '+30s', clock: monotonic}"), "clock",
                "unknown field; expected one of offset");
    }

    @Test
    void theTargetsServiceStartsWithTheShimPreloadedAfterItsOwnPreloads() {
        ServiceSpec service = new ServiceSpec("worker", "faultline/agent", Role.AGENT, 1,
                Map.of("LD_PRELOAD", "/usr/lib/libjemalloc.so"), List.of(8080), null, List.of(), null, null);

        ContainerSetup setup = configure("{offset: '+30s'}").setup(service);

        assertThat(setup.env()).isEqualTo(Map.of("LD_PRELOAD",
                "/usr/lib/libjemalloc.so /.faultline-clock/libfaultline-clock.so"));
        assertThat(setup.files()).extracting(ContainerSetup.ImageFile::target)
                .containsExactly("/.faultline-clock/libfaultline-clock.so", "/.faultline-clock/faultline-clock");
    }

    @Test
    void loadsFromAScenarioWithAnOffsetAndADuration() throws IOException {
        Scenario scenario = load("""
                  - { name: skew, type: clock-skew, target: "worker[0]", at: 6s, duration: 8s, with: { offset: +30s } }
                """);

        assertThat(scenario.faults()).singleElement()
                .satisfies(f -> assertThat(f.fault().describe()).isEqualTo("wall clock +30s for 8s"));
    }

    @Test
    void aScenarioWithoutADurationIsRejected() {
        assertThatThrownBy(() -> load("""
                  - { name: skew, type: clock-skew, target: worker, at: 2s, with: { offset: +30s } }
                """))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("faults[0].duration: is required for a fault of type clock-skew");
    }

    @Test
    void aServiceWhoseBoundedDiskWouldHideTheShimIsRejectedAtLoadTime() throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, """
                scenario: s
                topology:
                  topology: desk
                  services:
                    worker: { image: faultline/agent, role: agent, resources: { disk: { path: /.faultline-clock, size: 32m } } }
                faults:
                  - { name: skew, type: clock-skew, target: worker, at: 2s, duration: 8s, with: { offset: +30s } }
                """);

        assertThatThrownBy(() -> ScenarioLoader.withPlugins(Plugins.of(List.of(new ClockSkewType()), List.of()))
                .load(file))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("would hide the clock shim in /.faultline-clock");
    }
}
