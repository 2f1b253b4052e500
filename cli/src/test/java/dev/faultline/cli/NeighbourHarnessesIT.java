package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import dev.faultline.engine.run.Poll;
import dev.faultline.engine.runtime.Reaper;

/**
 * Two harnesses on one Docker engine, some in a PID namespace of their own (as CI jobs sharing a docker socket):
 * each starts, reaps and runs while the other runs and removes nothing of the other's run; the leftovers of one
 * killed outright are removed by the next reap, and only they.
 */
class NeighbourHarnessesIT {
    private static final Path RESOURCES = ShippedScenariosIT.ROOT.resolve("cli/src/test/resources/harness");
    private static final Duration START = Duration.ofMinutes(4);
    private static final int B_LOAD_S = 70;

    @TempDir
    Path tmp;

    @Test
    void harnessesInOtherPidNamespacesRemoveNothingOfEachOthersRunsAndAKilledOnesLeftoversAreReaped()
            throws Exception {
        assumeTrue(HarnessProcess.pidNamespacesAvailable(), "needs a PID namespace of its own: unshare, as root");
        // given harness a, in a PID namespace of its own, under load
        try (HarnessProcess a = HarnessProcess.startInOwnPidNamespace(run("a", "40s"))) {
            assertThat(a.awaitOutput("phase load", START)).as(a.output()).isTrue();
            Map<String, String> aContainers = Docker.containersOfRun(a.runId());

            // when harness b, on the host, starts (and reaps) and runs beside it
            // b's load outlasts a's end and c's start, kill and reap: those took 46 s of it in two CI runs on 2026-12-05
            try (HarnessProcess b = HarnessProcess.start(run("b", B_LOAD_S + "s"))) {
                assertThat(b.awaitOutput("ready in", START)).as(b.output()).isTrue(); // b reaps before its first start

                assertThat(Docker.containersOfRun(a.runId())).as("a's containers after b reaped").isEqualTo(aContainers);
                assertThat(b.awaitOutput("phase load", START)).as(b.output()).isTrue();
                long bLoadSeen = System.nanoTime();
                Map<String, String> bContainers = Docker.containersOfRun(b.runId());
                assertThat(a.awaitExit(Duration.ofMinutes(3))).as(a.output()).isZero();

                // and harness c, in a PID namespace of its own again, starts (and reaps) while b runs, then is killed
                String cRun;
                int cLeft;
                long leaseSeenEndedMs;
                try (HarnessProcess c = HarnessProcess.startInOwnPidNamespace(run("c", "60s"))) {
                    assertThat(c.awaitOutput("ready in", START)).as(c.output()).isTrue();
                    assertThat(Docker.containersOfRun(b.runId())).as("b's containers after c reaped")
                            .isEqualTo(bContainers);
                    assertThat(c.awaitOutput("phase load", START)).as(c.output()).isTrue();
                    cRun = c.runId();

                    c.signal("KILL");
                    long killed = System.nanoTime();
                    c.awaitExit(Duration.ofSeconds(30));
                    cLeft = Docker.containersOfRun(cRun).size();
                    String lease = "/faultline-" + cRun + "-lease";
                    assertThat(Poll.until(() -> !"running".equals(Docker.containersOfRun(cRun).get(lease)),
                            Duration.ofSeconds(10), Duration.ofMillis(20), () -> false))
                            .as("c's lease ends with c's connection").isTrue();
                    leaseSeenEndedMs = (System.nanoTime() - killed) / 1_000_000;
                }
                int reaped = new Reaper(DockerClientFactory.instance().client()).reapDeadRuns();
                long bLoadAtReapS = (System.nanoTime() - bLoadSeen) / 1_000_000_000L;

                // then only c's leftovers are gone, and b ran its course undisturbed
                assertThat(Docker.containersOfRun(cRun)).isEmpty();
                assertThat(reaped).isGreaterThanOrEqualTo(cLeft);
                assertThat(Docker.containersOfRun(b.runId())).as("b's containers after c's were reaped")
                        .isEqualTo(bContainers);
                assertThat(b.awaitExit(Duration.ofMinutes(4))).as(b.output()).isZero();
                System.out.printf("neighbours: a (own PID namespace) %d containers, b (host) %d, c (own PID"
                        + " namespace, killed) %d; none of a's or b's lost; c's lease seen ended %d ms after the"
                        + " kill; the reap removed %d, %d s into b's %d s load%n", aContainers.size(),
                        bContainers.size(), cLeft, leaseSeenEndedMs, reaped, bLoadAtReapS, B_LOAD_S);
            }
        }
    }

    /** The arguments of a run of the steady-load scenario, its load lasting {@code load}, reports under {@code name}. */
    private String[] run(String name, String load) throws Exception {
        Path dir = tmp.resolve(name);
        ShippedScenariosIT.copySupportDesk(dir);
        Path scenario = dir.resolve("steady-load.yaml");
        Files.writeString(scenario, Files.readString(RESOURCES.resolve("steady-load.yaml"))
                .replace("LOAD_DURATION", load));
        return new String[] {"run", scenario.toString(), "--report-dir", dir.resolve("reports").toString()};
    }
}
