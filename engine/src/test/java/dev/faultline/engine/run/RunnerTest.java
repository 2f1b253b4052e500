package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.spi.ContainerSetup;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.spi.Reporter;
import dev.faultline.engine.timeline.LedgerFile;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Whole runs without Docker: the topology is a fake whose one instance answers the probe {@code api} from an
 * HTTP server in the test, so a fault can make the probe fail.
 */
class RunnerTest {
    @TempDir
    Path reports;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer api;
    private FakeTopology topology;
    /** What the fake topology's saveLogs throws, if anything. */
    private RuntimeException logsFailure;

    @BeforeEach
    void startTheProbedEndpoint() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stopTheProbedEndpoint() {
        api.stop(0);
    }

    private RunResult run(Scenario scenario, Reporter... reporters) {
        return run(scenario, RunOptions.to(reports), reporters);
    }

    private RunResult run(Scenario scenario, RunOptions options, Reporter... reporters) {
        RunEnvironment environment = new RunEnvironment() {
            @Override
            public int reapDeadRuns() {
                return 0;
            }

            @Override
            public RunningTopology topology(Topology spec, String runId, long seed) {
                topology = new FakeTopology(spec, api.getAddress().getPort());
                topology.saveLogsFailure = logsFailure;
                return topology;
            }

            @Override
            public LoadDriver loadDriver(String name) {
                throw new AssertionError("these scenarios have no load");
            }
        };
        return new Runner(List.of(reporters), environment).run(scenario, options);
    }

    private static List<String> faultChanges(RunResult result) {
        return result.record().timeline().events(TimelineEvent.FaultChange.class, c -> true).stream()
                .map(c -> c.fault() + " " + c.change().name().toLowerCase()).toList();
    }

    @Test
    void theFaultPlanRevertsAFaultBeforeInjectingTheNextAtTheSameInstant() {
        Scenario scenario = Scenarios.withFaults(List.of(
                Scenarios.fault("second", 200, 100, new RecordingFault(log)),
                Scenarios.fault("first", 0, 200, new RecordingFault(log))), null);

        RunResult result = run(scenario);

        assertThat(faultChanges(result)).containsExactly("first injected", "first verified", "first reverted",
                "second injected", "second verified", "second reverted");
    }

    @Test
    void aHaltRevertsTheFaultsInForceInjectsNoMoreAndAbortsTheRun() {
        RecordingFault breaksTheApi = new RecordingFault(log, () -> status.set(503), () -> status.set(200));
        Scenario scenario = Scenarios.withFaults(List.of(
                Scenarios.fault("break-api", 0, 5_000, breaksTheApi),
                Scenarios.fault("later", 2_000, 1_000, new RecordingFault(log))), Duration.ofMillis(200));

        RunResult result = run(scenario);

        assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.ABORTED);
        assertThat(log).containsExactly("inject break-api", "revert break-api");
        assertThat(result.record().timeline().events(TimelineEvent.Halt.class, h -> true))
                .singleElement().extracting(TimelineEvent.Halt::reverted).isEqualTo(List.of("break-api"));
    }

    @Test
    void aReporterThatThrowsIsNotedOnTheTimelineAndTheOthersStillWrite() {
        List<String> written = new CopyOnWriteArrayList<>();
        Reporter broken = reporter("broken", () -> {
            throw new IllegalStateException("disk full");
        });
        Reporter working = reporter("working", () -> written.add("working"));

        RunResult result = run(Scenarios.withFaults(List.of(), null), broken, working);

        assertThat(result.record().timeline().events(TimelineEvent.Note.class, n -> n.message().startsWith("reporter")))
                .extracting(TimelineEvent.Note::message)
                .containsExactly("reporter broken failed: java.lang.IllegalStateException: disk full");
        assertThat(written).containsExactly("working");
    }

    @Test
    void aFaultsContainerSetupReachesItsTargetsServiceBeforeTheTopologyStarts() {
        ContainerSetup shim = new ContainerSetup(Map.of("LD_PRELOAD", "/.x/shim.so"),
                List.of(new ContainerSetup.ImageFile("faultline/x", "/opt/shim.so", "/.x/shim.so", 0755)));
        Scenario scenario = Scenarios.withFaults(List.of(Scenarios.fault("skew", 0, 100, new SetUpFault(shim))), null);

        run(scenario);

        assertThat(topology.setups).isEqualTo(Map.of("worker", shim));
        assertThat(topology.preparedAfterStart).isFalse();
    }

    /** A fault that needs {@code setup} in its target's containers and does nothing else. */
    private record SetUpFault(ContainerSetup setup) implements Fault {
        @Override
        public ContainerSetup setup(ServiceSpec service) {
            return setup;
        }

        @Override
        public Handle handle(FaultContext context) {
            return new Handle() {
                @Override
                public void apply() {
                }

                @Override
                public Verification verify() {
                    return Verification.ok("set up");
                }

                @Override
                public void revert() {
                }
            };
        }

        @Override
        public String describe() {
            return "set-up";
        }
    }

    @Test
    void reportersThatReadSavedResultsRunAfterThoseThatSaveThemWithTheLedgerAlreadySaved() {
        List<String> written = new CopyOnWriteArrayList<>();
        Reporter page = reporter("page", Reporter.READS_SAVED_RESULTS,
                dir -> written.add("page, ledger saved: " + Files.exists(dir.resolve(LedgerFile.NAME))));
        Reporter json = reporter("json", Reporter.SAVES_RESULTS, dir -> written.add("json"));

        run(Scenarios.withFaults(List.of(), null), page, json);

        assertThat(written).containsExactly("json", "page, ledger saved: true");
    }

    @Test
    void aSeedGivenForTheRunIsTheSeedItsResultCarries() {
        RunResult result = run(Scenarios.withFaults(List.of(), null), RunOptions.to(reports).withSeed(42));

        assertThat(result.record().scenario().seed()).isEqualTo(42);
    }

    @Test
    void aLostDockerEngineEndsTheRunInErrorWithItsReasonAndRevertsWhatWasInjected() {
        String why = "Docker engine lost: the connection to it closed and it does not answer (Connection refused)";
        RecordingFault losesTheEngine = new RecordingFault(log, () -> topology.loseEngine(why), () -> { });
        Scenario scenario = Scenarios.withFaults(List.of(
                Scenarios.fault("engine-goes", 0, 5_000, losesTheEngine),
                Scenarios.fault("later", 1_000, 1_000, new RecordingFault(log))), null);

        RunResult result = run(scenario);

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.reason()).isEqualTo(why);
        assertThat(log).containsExactly("inject engine-goes", "revert engine-goes");
        assertThat(result.record().timeline().events(TimelineEvent.Note.class, n -> n.message().equals(why))).hasSize(1);
        assertThat(topology.closed).isTrue();
    }

    @Test
    void theTopologyIsClosedAfterTheRun() {
        run(Scenarios.withFaults(List.of(Scenarios.fault("first", 0, 100, new RecordingFault(log))), null));

        assertThat(topology.closed).isTrue();
    }

    @Test
    void aFailureWhileSavingLogsStillRemovesTheContainersAndSavesTheResult() {
        logsFailure = new IllegalStateException("docker logs: connection reset");
        List<String> written = new CopyOnWriteArrayList<>();

        RunResult result = run(Scenarios.withFaults(List.of(), null), reporter("json", () -> written.add("json")));

        assertThat(topology.closed).isTrue();
        assertThat(written).containsExactly("json");
        assertThat(result.record().timeline().events(TimelineEvent.Note.class, n -> n.message().startsWith("clean-up")))
                .extracting(TimelineEvent.Note::message)
                .containsExactly("clean-up: cannot save the logs: docker logs: connection reset");
    }

    @Test
    void aResultsFolderThatCannotBeWrittenEndsTheRunInErrorBeforeAnythingStarts() throws IOException {
        Path inTheWay = Files.writeString(reports.resolve("not-a-folder"), "a file");

        RunResult result = run(Scenarios.withFaults(List.of(), null), RunOptions.to(inTheWay));

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.reason()).startsWith("cannot write the results: cannot prepare " + inTheWay.resolve("run-test") + ": ")
                .endsWith("(nothing was started)").doesNotContain("\n");
        assertThat(topology).as("no topology was asked for").isNull();
        assertThat(inTheWay).hasContent("a file");
    }

    private static Reporter reporter(String name, Runnable write) {
        return reporter(name, Reporter.SAVES_RESULTS, dir -> write.run());
    }

    private static Reporter reporter(String name, int order, java.util.function.Consumer<Path> write) {
        return new Reporter() {
            @Override
            public int order() {
                return order;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public void write(RunResult result, Path dir) {
                write.accept(dir);
            }
        };
    }
}
