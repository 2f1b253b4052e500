package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import dev.faultline.engine.run.Poll;
import dev.faultline.engine.runtime.Reaper;

/** What the harness leaves behind after bad input, Ctrl-C and being killed outright: nothing. */
class HarnessLifecycleIT {
    private static final Path WORKER_CRASH = ShippedScenariosIT.ROOT.resolve("scenarios/worker-crash.yaml");

    @TempDir
    Path tmp;

    @Test
    void invalidScenarioExitsTwoNamesTheSpotAndStartsNothing() throws Exception {
        ShippedScenariosIT.copySupportDesk(tmp);
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(WORKER_CRASH)
                .replace("with: { signal: KILL }", "with: { signal: HUP }"));
        int line = lineOf(bad, "signal: HUP");

        try (HarnessProcess harness = HarnessProcess.start("run", bad.toString(), "--report-dir", tmp.toString())) {
            int exit = harness.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as(harness.output()).isEqualTo(2);
            assertThat(harness.output()).contains(bad + ":" + line + ":")
                    .contains("faults[0].with.signal").contains("'HUP'").contains("nothing was started");
        }
        assertThat(Docker.faultlineContainers()).isEmpty();
        assertThat(tmp.resolve("worker-crash")).doesNotExist();
    }

    @Test
    void ctrlCRevertsFaultsAndRemovesEveryContainer() throws Exception {
        try (HarnessProcess harness = HarnessProcess.start("run", WORKER_CRASH.toString(), "--report-dir", tmp.toString())) {
            assertThat(harness.awaitOutput("fault kill-worker verified", Duration.ofMinutes(3))).as(harness.output()).isTrue();

            harness.signal("INT");
            int exit = harness.awaitExit(Duration.ofMinutes(2));

            assertThat(exit).as(harness.output()).isEqualTo(3);
            assertThat(harness.output()).contains("ABORTED");
        }
        assertThat(Docker.faultlineContainers()).isEmpty();
        assertThat(tmp.resolve("worker-crash/result.json")).exists();
        assertThat(tmp.resolve("worker-crash/timeline.jsonl")).exists();
        // an interrupted run is still reported in full, per run and per suite
        assertThat(tmp.resolve("worker-crash/ledger.jsonl")).exists();
        assertThat(tmp.resolve("worker-crash/report.html")).exists();
        for (String suiteFile : List.of("index.html", "summary.md", "junit.xml")) {
            assertThat(tmp.resolve(suiteFile)).as(suiteFile).exists();
        }
        assertThat(tmp.resolve("allure-results")).isDirectoryContaining("glob:**-result.json");
    }

    @Test
    void leftoversOfAKilledHarnessAreReapedByTheNextRun() throws Exception {
        try (HarnessProcess harness = HarnessProcess.start("run", WORKER_CRASH.toString(), "--report-dir", tmp.toString())) {
            assertThat(harness.awaitOutput("phase load", Duration.ofMinutes(3))).as(harness.output()).isTrue();

            harness.signal("KILL");
            harness.awaitExit(Duration.ofSeconds(30));
        }
        assertThat(Docker.faultlineContainers()).as("a killed harness cannot clean up").isNotEmpty();

        // the run's lease ends as soon as the engine sees the harness's connection close: a moment after the kill
        Reaper reaper = new Reaper(DockerClientFactory.instance().client());
        int[] reaped = {0};
        boolean gone = Poll.until(() -> {
            reaped[0] += reaper.reapDeadRuns();
            return Docker.faultlineContainers().isEmpty();
        }, Duration.ofSeconds(10), Duration.ofMillis(100), () -> false);

        assertThat(reaped[0]).isPositive();
        assertThat(gone).as("left: %s", Docker.faultlineContainers()).isTrue();
    }

    private static int lineOf(Path file, String text) throws Exception {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
