package dev.faultline.reports.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.run.Verdict;

/**
 * What every database the history runs on must do alike (H2 in {@link HistoryTest}, PostgreSQL in
 * {@link HistoryPostgresIT}): each test opens a fresh, empty history through {@link #openEmpty()}.
 */
abstract class HistoryContract {
    static final Instant MONDAY = Instant.parse("2026-11-02T09:00:00Z");
    static final Instant TUESDAY = Instant.parse("2026-11-03T09:00:00Z");
    static final Instant WEDNESDAY = Instant.parse("2026-11-04T09:00:00Z");

    @TempDir
    Path runs;

    /** A history with nothing in it, migrated. */
    abstract History openEmpty() throws HistoryException;

    @Test
    void recordedRunsReadBackOldestFirstWithTheirFiguresAndDrill() throws Exception {
        try (History history = openEmpty()) {
            long drillRun = history.startDrill("game-day", TUESDAY, TUESDAY).orElseThrow();
            history.recordRun(drillRun, "game-day", Runs.run(runs.resolve("b"), "worker-crash", TUESDAY, 5100L));
            history.recordRun(null, null, Runs.run(runs.resolve("a"), "worker-crash", MONDAY, 2000L));

            List<RunRow> rows = history.runs(null, null);

            assertThat(rows).extracting(RunRow::startedAt).containsExactly(MONDAY, TUESDAY);
            RunRow drilled = rows.get(1);
            assertThat(drilled.drillRunId()).isEqualTo(drillRun);
            assertThat(drilled.drill()).isEqualTo("game-day");
            assertThat(drilled.runId()).isEqualTo("worker-crash-" + TUESDAY.toEpochMilli());
            assertThat(drilled.verdict()).isEqualTo(Verdict.PASSED);
            assertThat(drilled.reportDir()).isEqualTo(runs.resolve("b").toAbsolutePath().toString());
            assertThat(drilled.figures()).isEqualTo(Map.of(TrendFigure.RTO, 5100L, TrendFigure.RPO, 250L,
                    TrendFigure.LOST, 0L, TrendFigure.DUPLICATED, 1L, TrendFigure.P99_LATENCY, 40L));
            assertThat(rows.get(0).drillRunId()).isNull();
            assertThat(rows.get(0).drill()).isNull();
        }
    }

    @Test
    void aFigureThatWasNotMeasuredIsAbsent() throws Exception {
        try (History history = openEmpty()) {
            history.recordRun(null, null, Runs.run(runs.resolve("a"), "worker-crash", MONDAY, "ERROR", null, null,
                    null));

            assertThat(history.runs(null, null)).singleElement()
                    .satisfies(r -> assertThat(r.figures()).isEmpty());
        }
    }

    @Test
    void runsAreFilteredByScenarioAndByStartSince() throws Exception {
        try (History history = openEmpty()) {
            history.recordRun(null, null, Runs.run(runs.resolve("1"), "worker-crash", MONDAY, 1L));
            history.recordRun(null, null, Runs.run(runs.resolve("2"), "broker-pause", TUESDAY, 2L));
            history.recordRun(null, null, Runs.run(runs.resolve("3"), "worker-crash", WEDNESDAY, 3L));

            assertThat(history.runs("worker-crash", null)).extracting(r -> r.figure(TrendFigure.RTO))
                    .containsExactly(1L, 3L);
            assertThat(history.runs(null, TUESDAY)).extracting(RunRow::scenario)
                    .containsExactly("broker-pause", "worker-crash");
            assertThat(history.runs("worker-crash", TUESDAY)).extracting(r -> r.figure(TrendFigure.RTO))
                    .containsExactly(3L);
        }
    }

    @Test
    void aScheduledTimeIsClaimedOnceWhileDrillsRunByHandAreNeverRefused() throws Exception {
        try (History history = openEmpty()) {
            Optional<Long> first = history.startDrill("game-day", TUESDAY, TUESDAY);
            Optional<Long> again = history.startDrill("game-day", TUESDAY, TUESDAY.plusSeconds(5));
            Optional<Long> otherDrill = history.startDrill("other", TUESDAY, TUESDAY);
            Optional<Long> byHand = history.startDrill("game-day", null, WEDNESDAY);
            Optional<Long> byHandAgain = history.startDrill("game-day", null, WEDNESDAY);

            assertThat(first).isPresent();
            assertThat(again).isEmpty();
            assertThat(otherDrill).isPresent();
            assertThat(byHand).isPresent();
            assertThat(byHandAgain).isPresent().isNotEqualTo(byHand);
        }
    }

    @Test
    void lastScheduledIsTheLatestClaimedTimeAndLastStartedTheLatestStartOfAny() throws Exception {
        try (History history = openEmpty()) {
            assertThat(history.lastScheduled("game-day")).isEmpty();
            history.startDrill("game-day", MONDAY, MONDAY.plusSeconds(1));
            history.startDrill("game-day", TUESDAY, TUESDAY.plusSeconds(1));
            history.startDrill("game-day", null, WEDNESDAY);
            history.startDrill("other", WEDNESDAY, WEDNESDAY);

            assertThat(history.lastScheduled("game-day")).contains(TUESDAY);
            assertThat(history.lastStarted("game-day")).contains(WEDNESDAY);
        }
    }

    @Test
    void earlierDrillsAreTheEndedOnesBeforeThisOneNewestFirstWithTheirRuns() throws Exception {
        try (History history = openEmpty()) {
            long monday = drill(history, MONDAY, 1000L);
            long tuesday = drill(history, TUESDAY, 2000L);
            long unended = history.startDrill("game-day", null, TUESDAY.plusSeconds(60)).orElseThrow();
            drillOf(history, "other", WEDNESDAY.minusSeconds(60));
            long now = history.startDrill("game-day", WEDNESDAY, WEDNESDAY).orElseThrow();
            long later = drill(history, WEDNESDAY.plusSeconds(3600), 3000L);

            List<DrillRecord> earlier = history.earlierDrills("game-day", now, 5);

            assertThat(earlier).extracting(DrillRecord::id).containsExactly(tuesday, monday)
                    .doesNotContain(unended, later);
            DrillRecord last = earlier.get(0);
            assertThat(last.verdict()).isEqualTo(Verdict.PASSED);
            assertThat(last.reason()).isEqualTo("every scenario passed");
            assertThat(last.scheduledFor()).isEqualTo(TUESDAY);
            assertThat(last.endedAt()).isEqualTo(TUESDAY.plusSeconds(600));
            assertThat(last.runs()).singleElement().satisfies(r -> assertThat(r.figure(TrendFigure.RTO))
                    .isEqualTo(2000L));
            assertThat(history.earlierDrills("game-day", now, 1)).extracting(DrillRecord::id)
                    .containsExactly(tuesday);
        }
    }

    @Test
    void endingADrillRunThatDoesNotExistSaysSo() throws Exception {
        try (History history = openEmpty()) {
            assertThatHistoryFails(() -> history.endDrill(4711, Verdict.PASSED, "", MONDAY))
                    .endsWith(": no drill run #4711 to end");
        }
    }

    /** An ended drill of "game-day" scheduled and started at {@code at}, one worker-crash run of that RTO. */
    long drill(History history, Instant at, long rtoMs) throws HistoryException {
        long id = history.startDrill("game-day", at, at).orElseThrow();
        history.recordRun(id, "game-day", Runs.run(runs.resolve(String.valueOf(id)), "worker-crash", at, rtoMs));
        history.endDrill(id, Verdict.PASSED, "every scenario passed", at.plusSeconds(600));
        return id;
    }

    private static void drillOf(History history, String drill, Instant at) throws HistoryException {
        long id = history.startDrill(drill, at, at).orElseThrow();
        history.endDrill(id, Verdict.PASSED, "", at.plusSeconds(600));
    }

    interface Call {
        void run() throws HistoryException;
    }

    static org.assertj.core.api.AbstractStringAssert<?> assertThatHistoryFails(Call call) {
        try {
            call.run();
        } catch (HistoryException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return assertThat(e.getMessage());
        }
        throw new AssertionError("expected a HistoryException");
    }
}
