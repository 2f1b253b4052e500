package dev.faultline.engine.yaml;

import static dev.faultline.engine.yaml.YamlFixture.problemsOf;
import static dev.faultline.engine.yaml.YamlFixture.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.drill.DrillHalt;
import dev.faultline.engine.drill.DrillSuite;
import dev.faultline.engine.drill.Regression;
import dev.faultline.engine.drill.Schedule;
import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.model.HaltCondition;
import dev.faultline.engine.run.Verdict;

/** Drill files: every field read into the model, and each wrong value a {@code file:line:col} problem. */
class DrillReaderTest {
    /** A drill in {@code drills/} naming the fixture's scenario in {@code scenarios/}; tests break one line. */
    static final String DRILL = """
            drill: monthly-game-day
            description: the first Tuesday's drill
            scenarios: [../scenarios/scenario.yaml]
            schedule:
              cron: "0 10 * * 2"
              time-zone: Europe/Berlin
              window: { days: [tue, wed], hours: "09:00-17:00" }
              min-interval: 7d
              missed: skip
            halt-when:
              - { probe: ready, failing-for: 20s }
              - { verdict: error }
              - { failed-scenarios: 2 }
            notify: ["http://127.0.0.1:9000/hook"]
            regression:
              compare-with: 3
              bounds:
                - { figure: rto, may-grow: 20% }
                - { figure: lost, may-grow: 0 }
                - { figure: p99-latency, may-grow: 500ms }
                - { figure: rpo, may-grow: 50% or 2s }
            """;

    @TempDir
    Path dir;

    private final ScenarioLoader loader = TestPlugins.loader();

    private Path drillWith(String original, String replacement) {
        YamlFixture files = new YamlFixture(dir.resolve("scenarios"));
        files.scenario("scenario.yaml", YamlFixture.SCENARIO);
        return new YamlFixture(dir).write("drills/drill.yaml", replace(DRILL, original, replacement));
    }

    private List<String> problems(String original, String replacement) {
        Path file = drillWith(original, replacement);
        return problemsOf(() -> loader.loadDrill(file)).stream().map(p -> p.toString().replace(file.toString(), "F"))
                .toList();
    }

    @Test
    void everyFieldIsReadIntoTheDrill() {
        Path file = drillWith("drill: monthly-game-day", "drill: monthly-game-day");

        DrillSuite suite = loader.loadDrill(file);

        var drill = suite.drill();
        assertThat(drill.name()).isEqualTo("monthly-game-day");
        assertThat(drill.scenarios()).containsExactly(dir.resolve("scenarios/scenario.yaml"));
        Schedule schedule = drill.schedule();
        assertThat(schedule.cron().text()).isEqualTo("0 10 * * 2");
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(schedule.window().days()).containsExactlyInAnyOrder(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY);
        assertThat(schedule.window().from()).isEqualTo(LocalTime.of(9, 0));
        assertThat(schedule.window().until()).isEqualTo(LocalTime.of(17, 0));
        assertThat(schedule.minInterval()).isEqualTo(Duration.ofDays(7));
        assertThat(schedule.missed()).isEqualTo(Schedule.Missed.SKIP);
        assertThat(drill.haltWhen()).containsExactly(
                new DrillHalt.ProbeFailing(new HaltCondition("ready", Duration.ofSeconds(20))),
                new DrillHalt.VerdictAtLeast(Verdict.ERROR), new DrillHalt.FailedScenarios(2));
        assertThat(drill.webhooks()).containsExactly(URI.create("http://127.0.0.1:9000/hook"));
        assertThat(drill.regression()).isEqualTo(new Regression(3, List.of(
                new Regression.Bound(TrendFigure.RTO, Regression.Growth.percent(20)),
                new Regression.Bound(TrendFigure.LOST, Regression.Growth.absolute(0)),
                new Regression.Bound(TrendFigure.P99_LATENCY, Regression.Growth.absolute(500)),
                new Regression.Bound(TrendFigure.RPO, new Regression.Growth(50.0, 2000)))));
    }

    @Test
    void theDrillsProbeHaltIsAddedToEveryScenarioAfterItsOwn() {
        DrillSuite suite = loader.loadDrill(drillWith("drill: monthly-game-day", "drill: monthly-game-day"));

        assertThat(suite.scenarios()).singleElement().satisfies(s -> assertThat(s.haltWhen()).containsExactly(
                new HaltCondition("ready", Duration.ofSeconds(30)), new HaltCondition("ready", Duration.ofSeconds(20))));
    }

    @Test
    void withoutScheduleOrRegressionADrillIsRunByHandOnly() {
        YamlFixture files = new YamlFixture(dir.resolve("scenarios"));
        files.scenario("scenario.yaml", YamlFixture.SCENARIO);
        Path file = new YamlFixture(dir).write("drills/d.yaml", "drill: by-hand\nscenarios: ../scenarios\n");

        DrillSuite suite = loader.loadDrill(file);

        assertThat(suite.drill().schedule()).isNull();
        assertThat(suite.drill().regression()).isNull();
        assertThat(suite.scenarios()).extracting(s -> s.name()).containsExactly("base");
    }

    @Test
    void aScheduleWithoutTimeZoneIsReadInUtcAndMissedTimesRunOnce() {
        Path file = drillWith("""
                  time-zone: Europe/Berlin
                  window: { days: [tue, wed], hours: "09:00-17:00" }
                  min-interval: 7d
                  missed: skip
                """, "");

        Schedule schedule = loader.loadDrill(file).drill().schedule();

        assertThat(schedule.zone()).isEqualTo(ZoneId.of("Z"));
        assertThat(schedule.missed()).isEqualTo(Schedule.Missed.RUN_ONCE);
        assertThat(schedule.minInterval()).isNull();
    }

    @Test
    void wrongValuesAreNamedWithFileLineAndColumn() {
        assertThat(problems("time-zone: Europe/Berlin", "time-zone: Mars/Olympus")).containsExactly(
                "F:6:14 schedule.time-zone: expected a time zone of the IANA database (e.g. Europe/Berlin,"
                        + " America/New_York or UTC) but was 'Mars/Olympus'");
        assertThat(problems("days: [tue, wed]", "days: [tue, someday]")).containsExactly(
                "F:7:25 schedule.window.days[1]: expected a day of the week: mon, tue, wed, thu, fri, sat or sun"
                        + " but was 'someday'");
        assertThat(problems("\"09:00-17:00\"", "\"17:00-09:00\"")).containsExactly(
                "F:7:38 schedule.window.hours: expected hours as \"HH:MM-HH:MM\" in the drill's time zone, the start"
                        + " before the end (e.g. \"09:00-17:00\") but was '17:00-09:00'");
        assertThat(problems("min-interval: 7d", "min-interval: 400d")).containsExactly(
                "F:8:17 schedule.min-interval: expected a duration from 1m to 366d (e.g. 7d or 12h) but was '400d'");
        assertThat(problems("missed: skip", "missed: later")).containsExactly(
                "F:9:11 schedule.missed: expected one of run-once, skip but was 'later'");
        assertThat(problems("{ verdict: error }", "{ verdict: passed }")).containsExactly(
                "F:12:16 halt-when[1].verdict: expected one of failed, aborted, error (the drill stops after a"
                        + " scenario ends so or worse) but was 'passed'");
        assertThat(problems("{ failed-scenarios: 2 }", "{ failed-scenarios: 99999999999999999999 }"))
                .containsExactly("F:13:25 halt-when[2].failed-scenarios: expected an integer but was '99999999999999999999'");
        assertThat(problems("{ failed-scenarios: 2 }", "{ failed-scenarios: 0 }")).containsExactly(
                "F:13:25 halt-when[2].failed-scenarios: expected a count from 1 to 1000 but was '0'");
        assertThat(problems("{ figure: rto, may-grow: 20% }", "{ figure: mttr, may-grow: 20% }")).containsExactly(
                "F:18:17 regression.bounds[0].figure: expected one of rto, rpo, lost, duplicated, p99-latency but was 'mttr'");
        assertThat(problems("{ figure: lost, may-grow: 0 }", "{ figure: lost, may-grow: 2s }")).containsExactly(
                "F:19:33 regression.bounds[1].may-grow: expected a share of the median like 20% (0% to 10000%), a"
                        + " count like 0 or 5, or both: 20% or 2 but was '2s'");
        assertThat(problems("{ figure: rpo, may-grow: 50% or 2s }", "{ figure: rpo, may-grow: 2s or 50% }"))
                .singleElement().asString().contains("regression.bounds[3].may-grow: expected a share of the median"
                        + " like 20% (0% to 10000%), a duration like 500ms or 2s, or both: 20% or 2s but was");
        assertThat(problems("compare-with: 3", "compare-with: 0")).containsExactly(
                "F:16:17 regression.compare-with: expected a count of earlier drills from 1 to 100 but was '0'");
        assertThat(problems("drill: monthly-game-day", "drill: Monthly Game Day")).singleElement().asString()
                .startsWith("F:1:8 drill: expected a name");
        assertThat(problems("regression:", "regresion:")).singleElement().asString()
                .startsWith("F:15:1 regresion: unknown field");
    }

    @Test
    void aProbeHaltNeedsTheProbeInEveryScenario() {
        assertThat(problems("{ probe: ready, failing-for: 20s }", "{ probe: api-ready, failing-for: 20s }"))
                .containsExactly("F:11:14 halt-when[0].probe: scenario 'base' has no probe 'api-ready'; a drill's"
                        + " probe halt applies to every scenario, so each must declare it");
    }

    @Test
    void aWebhookUrlIsCheckedWhereItIsWritten() {
        assertThat(problems("\"http://127.0.0.1:9000/hook\"", "\"file:///etc/passwd\""))
                .containsExactly("F:14:10 notify[0]: expected an http or https URL but the scheme was 'file'");
        assertThat(problems("\"http://127.0.0.1:9000/hook\"", "\"http://user:secret@127.0.0.1/hook\""))
                .singleElement().asString().doesNotContain("secret");
        assertThat(problems("[\"http://127.0.0.1:9000/hook\"]", "[{url: x}]")).containsExactly(
                "F:14:10 notify[0]: expected an http or https URL (e.g. https://chat.example.com/hooks/drills) but"
                        + " was a mapping");
    }

    @Test
    void scenariosMustLieInTheDrillsTreeAndExist() {
        Path outside = dir.getParent().resolve("elsewhere.yaml");
        assertThat(problems("[../scenarios/scenario.yaml]", "[../../elsewhere.yaml]")).singleElement().asString()
                .startsWith("F:3:13 scenarios[0]: expected a scenario file or folder inside this drill's folder or"
                        + " the folder above it (");
        assertThat(Files.exists(outside)).isFalse();
        assertThat(problems("[../scenarios/scenario.yaml]", "[../scenarios/missing.yaml]")).containsExactly(
                "F:3:13 scenarios[0]: no such scenario file or folder: ../scenarios/missing.yaml");
        assertThat(problems("[../scenarios/scenario.yaml]", "[/dev/null]")).singleElement().asString()
                .startsWith("F:3:13 scenarios[0]: expected a scenario file or folder inside this drill's folder");
        assertThat(problems("[../scenarios/scenario.yaml]", "[]")).containsExactly(
                "F:3:12 scenarios: expected at least one scenario file or folder (e.g. [../scenarios/worker-crash.yaml])"
                        + " but found none");
    }

    @Test
    void aScenarioProblemIsReportedInItsOwnFile() {
        YamlFixture files = new YamlFixture(dir.resolve("scenarios"));
        Path scenario = files.scenario("scenario.yaml", replace(YamlFixture.SCENARIO, "seed: 1", "seed: x"));
        Path file = new YamlFixture(dir).write("drills/drill.yaml", DRILL);

        assertThat(problemsOf(() -> loader.loadDrill(file))).extracting(p -> p.file() + " " + p.path())
                .containsExactly(scenario + " seed");
    }
}
