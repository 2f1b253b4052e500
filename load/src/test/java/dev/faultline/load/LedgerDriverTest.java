package dev.faultline.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.model.Rate;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.Ledger.WorkItem;
import dev.faultline.engine.timeline.Timeline;

@Timeout(20)
class LedgerDriverTest {
    private FakeSystem sut;
    private final Ledger ledger = new Ledger();
    private final Timeline timeline = new Timeline();
    private final AtomicInteger baseUriCalls = new AtomicInteger();
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

    private static LoadSpec spec(String rate, Duration duration) {
        Target orchestrator = Target.all("orchestrator");
        return new LoadSpec("ledger", Rate.parse(rate), duration, new Endpoint(orchestrator, 8080, "/tasks"),
                new Endpoint(orchestrator, 8080, "/results"), Duration.ofSeconds(5));
    }

    private LoadDriver.Context context(Supplier<URI> baseUri) {
        return new TestContext(() -> {
            baseUriCalls.incrementAndGet();
            return baseUri.get();
        }, ledger, timeline, Path.of("target"));
    }

    private LoadDriver.Running start(LoadDriver driver, String rate, Duration duration) {
        running = driver.start(spec(rate, duration), context(sut::baseUri));
        return running;
    }

    private LoadDriver.Running start(String rate, Duration duration) {
        return start(new LedgerDriver(), rate, duration);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void submitsAtTheRateForTheDuration() throws InterruptedException {
        long began = System.nanoTime();
        start("50/s", Duration.ofSeconds(1)).awaitSubmitted();

        assertThat(ledger.stream().toList()).hasSizeBetween(48, 52);
        assertThat(millisSince(began)).isGreaterThanOrEqualTo(950);
    }

    @Test
    void everySubmissionIsAnsweredWhenAwaitSubmittedReturns() throws InterruptedException {
        start("50/s", Duration.ofMillis(300)).awaitSubmitted();

        assertThat(ledger.stream().toList()).isNotEmpty().allSatisfy(i -> assertThat(i.answeredAt()).isNotNegative());
        assertThat(ledger.acceptedCount()).isEqualTo(ledger.stream().toList().size());
    }

    @Test
    void eachItemIsAJsonDocumentWithTheRunsIdAndItsSequence() throws Exception {
        start("20/s", Duration.ofMillis(100)).awaitSubmitted();

        assertThat(sut.bodies.peek()).isEqualTo(new ObjectMapper().readTree("{\"id\":\"run1-000001\",\"payload\":{\"seq\":1}}"));
        assertThat(sut.contentTypes).allMatch("application/json"::equals);
    }

    @Test
    void theBaseUriIsAskedForEveryRequest() throws InterruptedException {
        LoadDriver.Running load = start("50/s", Duration.ofMillis(200));
        load.awaitSubmitted();
        load.drain(Duration.ofSeconds(2));

        assertThat(baseUriCalls.get()).isEqualTo(ledger.stream().toList().size() + sut.reads.get());
    }

    @Test
    void aRefusedSubmissionIsRecordedAsNotAccepted() throws InterruptedException {
        sut.submitStatus = 503;

        start("20/s", Duration.ofMillis(100)).awaitSubmitted();

        assertThat(ledger.stream().toList()).extracting(WorkItem::status).containsOnly(503);
        assertThat(ledger.acceptedCount()).isZero();
    }

    @Test
    void anItemCompletedTwiceShowsTwoCompletions() throws InterruptedException {
        sut.completions = 2;
        LoadDriver.Running load = start("20/s", Duration.ofMillis(100));
        load.awaitSubmitted();

        load.drain(Duration.ofSeconds(2));

        assertThat(ledger.stream().toList()).extracting(WorkItem::completions).containsOnly(2);
    }

    @Test
    void drainReturnsOnceEverythingIsCompleted() throws InterruptedException {
        sut.completeAfterMs = 400;
        LoadDriver.Running load = start("20/s", Duration.ofMillis(100));
        load.awaitSubmitted();

        long began = System.nanoTime();
        LoadDriver.DrainEnd end = load.drain(Duration.ofSeconds(10));

        assertThat(end).isEqualTo(LoadDriver.DrainEnd.ALL_COMPLETED);
        assertThat(ledger.pendingCount()).isZero();
        assertThat(millisSince(began)).isLessThan(2_000);
    }

    @Test
    void drainEndsAfterTheFirstReadOnceTheSystemHoldsNothing() throws InterruptedException {
        sut.completions = 0;
        LoadDriver.Running load = start("20/s", Duration.ofMillis(100));
        load.awaitSubmitted();

        LoadDriver.DrainEnd end = load.drain(Duration.ofSeconds(10), () -> true);

        assertThat(end).isEqualTo(LoadDriver.DrainEnd.NOTHING_HELD);
        assertThat(sut.reads.get()).isEqualTo(1);
        assertThat(ledger.pendingCount()).isPositive();
    }

    @Test
    void theReadThatEndsTheDrainComesAfterTheSystemWasSeenHoldingNothing() throws InterruptedException {
        sut.completions = 0;
        LoadDriver.Running load = start("20/s", Duration.ofMillis(100));
        load.awaitSubmitted();
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger readsWhenNothingHeld = new AtomicInteger(-1);

        load.drain(Duration.ofSeconds(10), () -> {
            if (asked.incrementAndGet() < 3) {
                return false;
            }
            readsWhenNothingHeld.set(sut.reads.get());
            return true;
        });

        assertThat(sut.reads.get()).isEqualTo(readsWhenNothingHeld.get() + 1);
    }

    @Test
    void aFailedReadDoesNotEndTheDrainEvenWhenNothingIsHeld() throws InterruptedException {
        sut.completions = 0;
        sut.failingReads = 2;
        LoadDriver.Running load = start("20/s", Duration.ofMillis(100));
        load.awaitSubmitted();

        LoadDriver.DrainEnd end = load.drain(Duration.ofSeconds(10), () -> true);

        assertThat(end).isEqualTo(LoadDriver.DrainEnd.NOTHING_HELD);
        assertThat(sut.reads.get()).isEqualTo(3);
    }

    @Test
    void drainWaitsUntilMaxWhileSomethingStaysPending() throws InterruptedException {
        sut.completions = 0;
        LoadDriver.Running load = start("20/s", Duration.ofMillis(100));
        load.awaitSubmitted();

        long began = System.nanoTime();
        LoadDriver.DrainEnd end = load.drain(Duration.ofMillis(700));

        assertThat(end).isEqualTo(LoadDriver.DrainEnd.DEADLINE);
        assertThat(millisSince(began)).isBetween(700L, 1_500L);
        assertThat(ledger.pendingCount()).isPositive();
        assertThat(sut.reads.get()).isBetween(3, 5); // at 0, 250, 500 and the final read at 700
    }

    @Test
    void failedReadsOfTheResultsAreRetried() throws InterruptedException {
        sut.failingReads = 2;
        LoadDriver.Running load = start("20/s", Duration.ofMillis(100));
        load.awaitSubmitted();

        load.drain(Duration.ofSeconds(3));

        assertThat(ledger.pendingCount()).isZero();
        assertThat(sut.reads.get()).isEqualTo(3);
    }

    @Test
    void aDeadEndpointIsRecordedAsATransportError() throws Exception {
        URI dead;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            dead = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        running = new LedgerDriver().start(spec("20/s", Duration.ofMillis(100)), context(() -> dead));

        assertThatCode(() -> {
            running.awaitSubmitted();
            running.drain(Duration.ZERO);
        }).doesNotThrowAnyException();
        assertThat(ledger.stream().toList()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(-1);
            assertThat(i.error()).startsWith("java.net.ConnectException");
        });
    }

    @Test
    void submissionsBeyondTheInFlightBoundAreRecordedAsClientOverloaded() throws InterruptedException {
        sut.holdSubmissions = new CountDownLatch(1);
        LoadDriver.Running load = start(new LedgerDriver(2), "50/s", Duration.ofMillis(200));
        awaitSubmissions(10); // every tick of the load (50/s for 200 ms) happens while two submissions hang
        sut.holdSubmissions.countDown();
        load.awaitSubmitted();

        List<WorkItem> items = ledger.stream().toList();
        assertThat(items).filteredOn(WorkItem::accepted).hasSize(2);
        assertThat(items).filteredOn(i -> !i.accepted()).isNotEmpty()
                .allSatisfy(i -> assertThat(i.error()).startsWith("client overloaded"));
    }

    @Test
    void closeStopsSubmittingAtOnce() throws InterruptedException {
        int atClose = submittedAtCloseAndAfter("100/s", 5, Duration.ofMillis(200)); // 20 ticks' time

        assertThat(atClose).isLessThan(50);
    }

    @RepeatedTest(20)
    void nothingIsSubmittedOnceCloseReturnsEvenWhenATickIsUnderWay() throws InterruptedException {
        // at 2000/s a tick is under way at almost any moment close() is called
        submittedAtCloseAndAfter("2000/s", 20, Duration.ofMillis(50)); // 100 ticks' time
    }

    /**
     * Closes a load at {@code rate} once {@code before} items were submitted, then checks that none is submitted in
     * the {@code watch} after close() returned; returns how many were submitted by then.
     */
    private int submittedAtCloseAndAfter(String rate, int before, Duration watch) throws InterruptedException {
        LoadDriver.Running load = start(rate, Duration.ofSeconds(10));
        awaitSubmissions(before);
        load.close();
        int atClose = ledger.stream().toList().size();
        Thread.sleep(watch.toMillis()); // not a wait for something: a time in which nothing may be submitted

        assertThat(ledger.stream().toList()).as("submitted after close() returned").hasSize(atClose);
        return atClose;
    }

    private void awaitSubmissions(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ledger.stream().toList().size() < n) {
            assertThat(System.nanoTime()).as("%d submissions within 10 s", n).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void closeIsIdempotentAndReleasesAwaitSubmitted() throws InterruptedException {
        LoadDriver.Running load = start("100/s", Duration.ofSeconds(10));
        load.close();

        assertThatCode(load::close).doesNotThrowAnyException();
        long began = System.nanoTime();
        load.awaitSubmitted();
        assertThat(millisSince(began)).isLessThan(1_000);
    }

    @Test
    void drainAfterCloseReadsNothing() throws InterruptedException {
        LoadDriver.Running load = start("100/s", Duration.ofSeconds(10));
        load.close();

        load.drain(Duration.ofSeconds(5));

        assertThat(sut.reads.get()).isZero();
    }

    @Test
    void onceTheEndpointGivesACursorTheDrainReadsOnlyWhatCompletedSince() throws InterruptedException {
        sut.cursors = true;
        sut.completeAfterMs = 600;
        LoadDriver.Running load = start("20/s", Duration.ofMillis(100));
        load.awaitSubmitted();

        LoadDriver.DrainEnd end = load.drain(Duration.ofSeconds(5));

        assertThat(end).isEqualTo(LoadDriver.DrainEnd.ALL_COMPLETED);
        assertThat(sut.queries.peek()).isEmpty();
        assertThat(sut.queries.stream().skip(1).toList()).isNotEmpty().allMatch(q -> q.startsWith("after="));
        assertThat(sut.entriesAnswered.get()).isEqualTo(ledger.size());
    }

    @Test
    void anEndpointWithoutACursorIsReadWholeEveryTime() throws InterruptedException {
        sut.completeAfterMs = 600;
        LoadDriver.Running load = start("20/s", Duration.ofMillis(100));
        load.awaitSubmitted();

        load.drain(Duration.ofSeconds(5));

        assertThat(sut.queries).hasSizeGreaterThan(1).allMatch(String::isEmpty);
    }

    @Test
    void anIncrementalEndpointIsReadDuringTheLoadSoCompletionTimesNeedNoDrain() throws InterruptedException {
        sut.cursors = true;
        LoadDriver.Running load = start("20/s", Duration.ofMillis(2_600));
        load.awaitSubmitted();

        assertThat(sut.reads.get()).isGreaterThanOrEqualTo(2);
        assertThat(ledger.stream().filter(i -> i.firstCompletedAt() >= 0).count()).isGreaterThanOrEqualTo(20);
        assertThat(ledger.stream().filter(i -> i.firstCompletedAt() >= 0))
                .allSatisfy(i -> assertThat(i.firstCompletedAt() - i.answeredAt()).isLessThan(1_500));
    }

    @Test
    void anEndpointWithoutACursorIsReadOnceDuringTheLoadThenLeftToTheDrain() throws InterruptedException {
        LoadDriver.Running load = start("20/s", Duration.ofMillis(2_600));
        load.awaitSubmitted();

        assertThat(sut.reads.get()).isEqualTo(1);
    }

    @Test
    void anAnswerIsReadAsItStreamsWithItsCursor() throws IOException {
        ledger.submitted("run1-000001", 0);
        ledger.submitted("run1-000002", 0);
        String body = "{\"cursor\":\"7.0\",\"completed\":[{\"id\":\"run1-000002\",\"count\":2,\"worker\":\"w\"},"
                + "{\"count\":1,\"id\":\"ghost\"}],\"extra\":{\"a\":[1]}}";

        String cursor = ResultsReader.readCompleted(stream(body), ledger, 900);

        assertThat(cursor).isEqualTo("7.0");
        assertThat(ledger.item(1).completions()).isEqualTo(2);
        assertThat(ledger.item(1).firstCompletedAt()).isEqualTo(900);
        assertThat(ledger.item(0).completions()).isZero();
        assertThat(ledger.unknownCompletions()).containsExactly(Map.entry("ghost", 1));
    }

    @Test
    void anAnswerOfAnotherShapeIsAnErrorSayingWhatWasExpectedAndWhere() {
        assertThatThrownBy(() -> ResultsReader.readCompleted(stream("{\"done\":[]}"), ledger, 0))
                .isInstanceOf(IOException.class)
                .hasMessage("expected {\"completed\":[{\"id\":...,\"count\":n}, ...]}, but found } at line 1, column 11");
        assertThatThrownBy(() -> ResultsReader.readCompleted(stream("{\"completed\":[{\"id\":\"a\",\"count\":\"2\"}]}"),
                ledger, 0))
                .isInstanceOf(IOException.class)
                .hasMessage("expected {\"id\":\"...\",\"count\":n} in completed, but found '2' at line 1, column 33");
    }

    private static java.io.InputStream stream(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theDriverIsFoundThroughServiceLoaderAsLedger() {
        assertThat(ServiceLoader.load(LoadDriver.class).stream().map(p -> p.get().name())).contains("ledger");
    }
}
