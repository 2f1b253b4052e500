package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.cli.drill.WebhookSink;
import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.history.History;

/**
 * A drill end to end, as a user runs it (the shaded jar): {@code drill plan} with its steady-state check,
 * {@code drill run} twice against the same history with a slower restart the second time (the regression bound
 * must fail it, naming the figure and the drill it was compared with), {@code history}, and the webhooks told at
 * the start, after each scenario and at the end.
 */
class DrillIT {
    /** A short crash: the RTO is the supervisor's restart delay plus the agent's start. */
    private static final String SCENARIO = """
            scenario: drill-crash
            description: A worker is killed; the supervisor restarts it after its restart delay.
            topology: topologies/support-desk.yaml
            seed: 7
            steady-state:
              sample-every: 100ms
              probes:
                - name: api-ready
                  http: { service: orchestrator, port: 8080, path: /ready }
                  expect: { status: 200, within: 500ms }
                - name: workers-up
                  http: { service: worker, port: 8080, path: /health }
                  expect: { status: 200, within: 500ms }
            load:
              driver: ledger
              rate: 10/s
              duration: 10s
              submit:  { service: orchestrator, port: 8080, path: /tasks }
              results: { service: orchestrator, port: 8080, path: /results }
              drain: 30s
            faults:
              - name: kill-worker
                type: agent-crash
                target: worker[0]
                at: 2s
                with: { signal: KILL }
            objectives:
              recovery: { within: 40s, stable-for: 1s }
              integrity: { lost: 0, duplicated: 0 }
            """;

    private static final String DRILL = """
            drill: crash-drill
            scenarios: [../scenarios/drill-crash.yaml]
            schedule: { cron: "30 9 * * 1-5", time-zone: Europe/Berlin }
            halt-when:
              - { verdict: error }
            notify: ["HOOK"]
            regression:
              compare-with: 3
              bounds:
                - { figure: rto, may-grow: 20% }
                - { figure: lost, may-grow: 0 }
            """;

    @TempDir
    Path tmp;

    private WebhookSink hooks;
    private List<JsonNode> events;

    @BeforeEach
    void hookServer() throws IOException {
        hooks = new WebhookSink();
        events = hooks.events();
    }

    @AfterEach
    void stopHooks() {
        hooks.close();
    }

    private Path writeTree(String restartDelay) throws IOException {
        Path scenarios = tmp.resolve("scenarios");
        Files.createDirectories(scenarios.resolve("topologies"));
        String topology = Files.readString(ShippedScenariosIT.ROOT.resolve("scenarios/topologies/support-desk.yaml"))
                .replace("restart: { policy: on-failure, delay: 2s }",
                        "restart: { policy: on-failure, delay: " + restartDelay + " }");
        assertThat(topology).contains("delay: " + restartDelay + " }");
        Files.writeString(scenarios.resolve("topologies/support-desk.yaml"), topology);
        Files.writeString(scenarios.resolve("drill-crash.yaml"), SCENARIO);
        Path drill = tmp.resolve("drills/crash-drill.yaml");
        Files.createDirectories(drill.getParent());
        Files.writeString(drill, DRILL.replace("HOOK", hooks.url()));
        return drill;
    }

    private HarnessProcess faultline(String... args) throws Exception {
        HarnessProcess harness = HarnessProcess.start(args);
        harness.awaitExit(Duration.ofMinutes(6));
        keep(args[0] + "-" + args[1] + "-" + System.currentTimeMillis(), harness);
        return harness;
    }

    /** What the command printed, kept in target/drill-it/ for a person to read. */
    private static void keep(String name, HarnessProcess harness) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/drill-it"));
        Files.writeString(dir.resolve(name + ".txt"), harness.output());
    }

    @Test
    void aDrillRunTwiceWithASlowerRestartTheSecondTimeFailsItsRegressionBound() throws Exception {
        Path drill = writeTree("500ms");
        String history = tmp.resolve("history/db").toString();
        String reports = tmp.resolve("results").toString();

        try (HarnessProcess plan = faultline("drill", "plan", drill.toString(), "--history", history,
                "--report-dir", reports)) {
            assertThat(plan.awaitExit(Duration.ZERO)).as(plan.output()).isZero();
            assertThat(plan.output()).contains("next 5 run(s), Europe/Berlin time:")
                    .contains("inject kill-worker: agent-crash on worker[0]")
                    .contains("ok       drill-crash: the steady state held; every container was removed");
        }
        assertThat(Docker.faultlineContainers()).isEmpty();
        assertThat(events).as("a plan tells nobody").isEmpty();

        try (HarnessProcess first = faultline("drill", "run", drill.toString(), "--history", history,
                "--report-dir", reports)) {
            assertThat(first.awaitExit(Duration.ZERO)).as(first.output()).isZero();
            assertThat(first.output()).contains("== drill crash-drill: PASSED")
                    .contains("no earlier drill to compare with");
        }
        assertThat(events).extracting(e -> e.get("event").asText())
                .containsExactly("drill-started", "scenario-verdict", "drill-ended");

        writeTree("8s");
        try (HarnessProcess second = faultline("drill", "run", drill.toString(), "--history", history,
                "--report-dir", reports)) {
            assertThat(second.awaitExit(Duration.ZERO)).as(second.output()).isEqualTo(1);
            assertThat(second.output()).contains("== drill crash-drill: FAILED").contains("BROKEN")
                    .containsPattern("drill-crash rto \\S+ regressed: over the median \\S+ of drill runs #1 \\+ 20% = ");
        }
        JsonNode ended = events.get(events.size() - 1);
        assertThat(ended.get("event").asText()).isEqualTo("drill-ended");
        assertThat(ended.get("verdict").asText()).isEqualTo("FAILED");

        try (HarnessProcess shown = faultline("history", "--history", history, "--scenario", "drill-crash")) {
            assertThat(shown.awaitExit(Duration.ZERO)).as(shown.output()).isZero();
            keep("history", shown);
            assertThat(shown.output().lines().filter(l -> l.matches(".*crash-drill +drill-crash +(PASSED|FAILED).*")))
                    .hasSize(2);
        }
        assertThat(Docker.faultlineContainers()).isEmpty();
    }

    @Test
    void aRestartedSchedulerSaysWhatItMissedAndSkipsItWithoutRunningAnything() throws Exception {
        Path drill = writeTree("2s");
        Files.writeString(drill, Files.readString(drill).replace("time-zone: Europe/Berlin }",
                "time-zone: Europe/Berlin, missed: skip }"));
        String history = tmp.resolve("history/db").toString();
        Instant threeWeeksAgo = Instant.now().minus(Duration.ofDays(21));
        try (History h = History.open(history)) { // a scheduler claimed a time three weeks ago, then went away
            long id = h.startDrill("crash-drill", threeWeeksAgo, threeWeeksAgo).orElseThrow();
            h.endDrill(id, Verdict.PASSED, "all passed", threeWeeksAgo.plusSeconds(60));
        }

        try (HarnessProcess scheduler = HarnessProcess.start("drill", "schedule", drill.toString(),
                "--history", history, "--report-dir", tmp.resolve("results").toString())) {
            assertThat(scheduler.awaitOutput("waiting for the drill of", Duration.ofSeconds(60)))
                    .as(scheduler.output()).isTrue();
            assertThat(scheduler.output()).containsPattern("drill crash-drill: missed 1[45] drill times while no"
                    + " scheduler ran \\(first .*, last .*\\); skipping them \\(missed: skip\\)");

            scheduler.signal("INT");

            assertThat(scheduler.awaitExit(Duration.ofSeconds(30))).as(scheduler.output()).isEqualTo(3);
            assertThat(scheduler.output()).contains("stopped");
        }
        assertThat(tmp.resolve("results")).doesNotExist();
        assertThat(events).isEmpty();
        try (History h = History.open(history)) {
            assertThat(h.lastScheduled("crash-drill")).contains(threeWeeksAgo.truncatedTo(ChronoUnit.MILLIS));
        }
    }
}
