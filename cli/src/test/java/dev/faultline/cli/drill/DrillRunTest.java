package dev.faultline.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.drill.DrillSuite;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.reports.history.DrillRecord;
import dev.faultline.reports.history.History;

/**
 * A drill's halt conditions, verdict, history and webhooks, without Docker: every scenario ends ERROR at once
 * because its results cannot be written (the drill's report folder is taken by a file), so nothing is started.
 */
class DrillRunTest {
    private static final Path ROOT = Path.of(System.getProperty("faultline.root", ".."));

    @TempDir
    Path tmp;

    private WebhookSink hooks;
    private List<JsonNode> events;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void hookServer() throws IOException {
        hooks = new WebhookSink();
        events = hooks.events();
    }

    @AfterEach
    void stopHooks() {
        hooks.close();
    }

    /** Two scenarios in a drill with {@code haltWhen}; its results folder is a file, so each scenario errs. */
    private DrillSuite drill(String haltWhen) throws IOException {
        Path scenarios = Files.createDirectories(tmp.resolve("scenarios/topologies"));
        Files.copy(ROOT.resolve("scenarios/topologies/support-desk.yaml"), scenarios.resolve("support-desk.yaml"));
        for (String s : new String[] {"worker-crash.yaml", "broker-outage.yaml"}) {
            Files.copy(ROOT.resolve("scenarios").resolve(s), tmp.resolve("scenarios").resolve(s));
        }
        Path file = Files.createDirectories(tmp.resolve("drills")).resolve("d.yaml");
        Files.writeString(file, "drill: d\nscenarios: [../scenarios/worker-crash.yaml, ../scenarios/broker-outage.yaml]\n"
                + "halt-when: " + haltWhen + "\nnotify: [\"" + hooks.url() + "\"]\n");
        Files.createDirectories(tmp.resolve("results"));
        Files.writeString(tmp.resolve("results/d"), "taken"); // <report root>/d is a file: nothing can be written
        return ScenarioLoader.standard().loadDrill(file);
    }

    private DrillRun.Outcome run(DrillSuite suite) throws Exception {
        DrillRun run = new DrillRun(suite, tmp.resolve("results"), tmp.resolve("history").toString(),
                Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        return run.run(null);
    }

    @Test
    void aVerdictHaltStopsTheDrillAfterTheFirstScenarioThatEndsSo() throws Exception {
        DrillRun.Outcome outcome = run(drill("[{verdict: error}]"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(outcome.reason()).startsWith("halted: halt-when verdict ERROR: worker-crash ended ERROR; "
                + "worker-crash ERROR (cannot write the results");
        assertThat(events).extracting(e -> e.get("event").asText())
                .containsExactly("drill-started", "scenario-verdict", "drill-ended");
        assertThat(events.get(1).get("scenario").asText()).isEqualTo("worker-crash");
        assertThat(events.get(2).get("verdict").asText()).isEqualTo("ERROR");
        try (History history = History.open(tmp.resolve("history").toString())) {
            List<DrillRecord> ended = history.earlierDrills("d", Long.MAX_VALUE, 5);
            assertThat(ended).singleElement().satisfies(d -> {
                assertThat(d.verdict()).isEqualTo(Verdict.ERROR);
                assertThat(d.reason()).isEqualTo(outcome.reason());
                assertThat(d.endedAt()).isNotNull();
            });
        }
    }

    @Test
    void aFailedScenariosHaltCountsEveryScenarioThatDidNotPass() throws Exception {
        DrillRun.Outcome outcome = run(drill("[{failed-scenarios: 2}]"));

        assertThat(outcome.reason()).startsWith("halted: halt-when failed-scenarios 2: 2 scenario(s) did not pass");
        assertThat(events).extracting(e -> e.get("event").asText())
                .containsExactly("drill-started", "scenario-verdict", "scenario-verdict", "drill-ended");
    }

    @Test
    void withoutAHaltEveryScenarioRunsWhateverTheOneBeforeCameTo() throws Exception {
        DrillRun.Outcome outcome = run(drill("[]"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(outcome.reason()).doesNotContain("halted").contains("worker-crash ERROR")
                .contains("broker-outage ERROR");
        assertThat(events).hasSize(4);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("== drill d: ERROR");
    }
}
