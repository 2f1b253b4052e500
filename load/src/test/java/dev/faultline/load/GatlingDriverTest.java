package dev.faultline.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.model.Rate;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.load.gatling.GatlingDriver;

/** The gatling driver against a system on 127.0.0.1: Gatling in this JVM, its work items in the ledger. */
@Timeout(90)
class GatlingDriverTest {
    private static final Target ORCHESTRATOR = Target.all("orchestrator");

    @TempDir
    Path dir;
    private FakeSystem sut;
    private final Ledger ledger = new Ledger();
    private final Timeline timeline = new Timeline();
    private LoadDriver.Running running;

    @BeforeEach
    void startSystem() throws IOException {
        sut = new FakeSystem();
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        sut.close();
    }

    @Test
    void anOpenWorkloadPutsEveryItemInTheLedgerAndGatlingCountsTheSameAccepted() throws Exception {
        sut.refuseEvery = 10;
        LoadSpec spec = spec(Rate.parse("40/s"), null, Duration.ZERO, null, Duration.ofSeconds(3));

        runToTheEnd(spec);

        assertThat(ledger.size()).isBetween(110, 130);
        assertThat(sut.submittedIds()).hasSize(ledger.size());
        TimelineEvent.DriverReport report = driverReport();
        assertThat(report.requests()).isEqualTo(ledger.size());
        assertThat(report.ok()).isEqualTo(ledger.acceptedCount()).isEqualTo(ledger.size() - ledger.size() / 10);
        assertThat(report.ko()).isEqualTo(ledger.size() / 10);
        assertThat(ledger.pendingCount()).isZero();
        assertThat(ledger.stream().filter(i -> i.status() == 503)).hasSize(ledger.size() / 10);
        assertThat(report.report()).startsWith("gatling/").endsWith("/index.html");
        assertThat(dir.resolve(report.report())).isRegularFile();
        List<TimelineEvent.LoadSecond> seconds = timeline.events(TimelineEvent.LoadSecond.class, s -> true);
        assertThat(seconds.stream().mapToLong(s -> s.ok() + s.ko()).sum()).isEqualTo(report.requests());
        assertThat(seconds).allSatisfy(s -> assertThat(s.t()).isBetween(-1000L, timeline.now()));
    }

    @Test
    void itemsCarryTheLedgerDriversIdsAndBodies() throws Exception {
        runToTheEnd(spec(Rate.parse("10/s"), null, Duration.ZERO, null, Duration.ofSeconds(1)));

        assertThat(sut.submittedIds()).contains("run1-000001", "run1-000002");
        assertThat(sut.bodies.peek().get("payload").get("seq").asLong()).isPositive();
        assertThat(sut.contentTypes).allSatisfy(t -> assertThat(t).startsWith("application/json"));
    }

    @Test
    void aClosedWorkloadNeverHasMoreItemsInFlightThanUsers() throws Exception {
        sut.answerAfterMs = 50;
        runToTheEnd(spec(null, 3, Duration.ZERO, null, Duration.ofSeconds(2)));

        assertThat(sut.mostConcurrent.get()).isBetween(2, 3);
        // 3 users, 50 ms each: about 60 per second
        assertThat(ledger.size()).isBetween(60, 130);
        assertThat(ledger.acceptedCount()).isEqualTo(driverReport().ok());
    }

    @Test
    void aRampStartsSlowerThanItEnds() throws Exception {
        runToTheEnd(spec(Rate.parse("40/s"), null, Duration.ofSeconds(2), null, Duration.ofSeconds(3)));

        long firstSecond = ledger.stream().filter(i -> i.submittedAt() - first() < 1000).count();
        long lastSecond = ledger.stream().filter(i -> i.submittedAt() - first() >= 2000).count();
        assertThat(firstSecond).isLessThan(lastSecond / 2);
        // ramp from 0 to 40/s over 2 s (40 items), then 1 s at 40/s
        assertThat(ledger.size()).isBetween(70, 90);
    }

    @Test
    void aUsersOwnSimulationIsRecordedThroughSubmitItem() throws Exception {
        runToTheEnd(spec(null, null, Duration.ZERO, "dev.faultline.load.gatling.TwoItemsSimulation",
                Duration.ofSeconds(2)));

        assertThat(ledger.size()).isEqualTo(2);
        assertThat(driverReport().simulation()).isEqualTo("dev.faultline.load.gatling.TwoItemsSimulation");
    }

    @Test
    void aSimulationThatSendsNoWorkItemIsToldWhatToDo() throws Exception {
        runToTheEnd(spec(null, null, Duration.ZERO, "dev.faultline.load.gatling.PlainRequestsSimulation",
                Duration.ofSeconds(2)));

        assertThat(ledger.size()).isZero();
        assertThat(notes()).anySatisfy(n -> assertThat(n)
                .contains("sent 3 requests but no work item")
                .contains("FaultlineGatling.submitItem()"));
    }

    @Test
    void closingStopsGatlingBeforeTheLoadsEnd() throws Exception {
        running = new GatlingDriver().start(spec(Rate.parse("20/s"), null, Duration.ZERO, null,
                Duration.ofSeconds(30)), context());
        running.close();
        running.awaitSubmitted();

        assertThat(ledger.size()).isLessThan(100);
        assertThat(running.drain(Duration.ofSeconds(1))).isEqualTo(LoadDriver.DrainEnd.STOPPED);
    }

    @Test
    void aSimulationClassIsCheckedWhenTheScenarioIsLoaded() {
        GatlingDriver driver = new GatlingDriver();

        assertThat(driver.check(spec(null, null, Duration.ZERO, "com.example.Missing", Duration.ofSeconds(1))))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("simulation");
                    assertThat(p.message()).contains("'com.example.Missing'").contains("not on it");
                });
        assertThat(driver.check(spec(null, null, Duration.ZERO, "java.lang.String", Duration.ofSeconds(1))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("extending io.gatling.javaapi.core"
                        + ".Simulation"));
        assertThat(driver.check(spec(null, null, Duration.ZERO, "dev.faultline.load.gatling.TwoItemsSimulation",
                Duration.ofSeconds(1)))).isEmpty();
    }

    private void runToTheEnd(LoadSpec spec) throws InterruptedException {
        running = new GatlingDriver().start(spec, context());
        running.awaitSubmitted();
        running.drain(Duration.ofSeconds(10));
    }

    private long first() {
        return ledger.stream().mapToLong(Ledger.WorkItem::submittedAt).min().orElseThrow();
    }

    private TimelineEvent.DriverReport driverReport() {
        List<TimelineEvent.DriverReport> reports = timeline.events(TimelineEvent.DriverReport.class, r -> true);
        assertThat(reports).as("notes: %s", notes()).hasSize(1);
        return reports.get(0);
    }

    private List<String> notes() {
        return timeline.events(TimelineEvent.Note.class, n -> true).stream().map(TimelineEvent.Note::message).toList();
    }

    private static LoadSpec spec(Rate rate, Integer users, Duration rampUp, String simulation, Duration duration) {
        return new LoadSpec("gatling", rate, users, rampUp, simulation, duration,
                new Endpoint(ORCHESTRATOR, 8080, "/tasks"), new Endpoint(ORCHESTRATOR, 8080, "/results"),
                Duration.ofSeconds(5));
    }

    private LoadDriver.Context context() {
        URI base = sut.baseUri();
        return new LoadDriver.Context() {
            @Override
            public URI baseUri(Endpoint endpoint) {
                return base;
            }

            @Override
            public Ledger ledger() {
                return ledger;
            }

            @Override
            public Timeline timeline() {
                return timeline;
            }

            @Override
            public long seed() {
                return 7;
            }

            @Override
            public String runId() {
                return "run1";
            }

            @Override
            public Path directory() {
                return dir;
            }
        };
    }
}
