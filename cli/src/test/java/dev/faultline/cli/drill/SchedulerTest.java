package dev.faultline.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.faultline.engine.drill.Cron;
import dev.faultline.engine.drill.Drill;
import dev.faultline.engine.drill.Schedule;
import dev.faultline.engine.drill.Window;

/** The scheduler on a fake clock: the waiter moves the clock on, a drill takes the time it is told to. */
class SchedulerTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final FakeClock clock = new FakeClock();
    private final FakeClaims claims = new FakeClaims();
    private final List<String> launched = new ArrayList<>();
    private final Map<String, Duration> takes = new HashMap<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    private static Drill drill(String name, String cron, Window window, Duration minInterval, Schedule.Missed missed) {
        Schedule schedule = new Schedule(Cron.parse(cron), BERLIN, window, minInterval, missed);
        return new Drill(name, Path.of("drills/" + name + ".yaml"), List.of(Path.of("scenarios/s.yaml")), schedule,
                List.of(), List.of(), null);
    }

    private static Drill weekly(String name, Schedule.Missed missed) {
        return drill(name, "0 10 * * tue", Window.ALWAYS, null, missed);
    }

    /** Runs the scheduler from {@code start} (Berlin time) until the clock reaches {@code end}. */
    private List<String> runFromUntil(String start, String end, Drill... drills) {
        clock.now = berlin(start);
        Instant stopAt = berlin(end);
        Scheduler.Launcher launcher = (drill, scheduledFor) -> {
            launched.add(drill.name() + " of " + scheduledFor.atZone(BERLIN).toOffsetDateTime()
                    + " at " + clock.now.atZone(BERLIN).toLocalDateTime());
            clock.now = clock.now.plus(takes.getOrDefault(drill.name(), Duration.ofMinutes(30)));
        };
        Scheduler.Waiter waiter = when -> clock.now = when.isAfter(clock.now) ? when : clock.now;
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        new Scheduler(List.of(drills), clock, waiter, claims, launcher, out).run(() -> !clock.now.isBefore(stopAt));
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aWeeklyDrillRunsAtEachOfItsTimesAndEveryDecisionIsOneLine() {
        List<String> lines = runFromUntil("2026-11-01T12:00", "2026-11-12T00:00", weekly("game-day", Schedule.Missed.RUN_ONCE));

        assertThat(launched).containsExactly(
                "game-day of 2026-11-03T10:00+01:00 at 2026-11-03T10:00",
                "game-day of 2026-11-10T10:00+01:00 at 2026-11-10T10:00");
        assertThat(lines).containsExactly(
                "drill game-day: no drill time claimed before; next at 2026-11-03 10:00 CET",
                "drill game-day: waiting for the drill of 2026-11-03 10:00 CET",
                "drill game-day: running the drill of 2026-11-03 10:00 CET",
                "drill game-day: the drill of 2026-11-03 10:00 CET ended at 2026-11-03 10:30 CET;"
                        + " next at 2026-11-10 10:00 CET",
                "drill game-day: waiting for the drill of 2026-11-10 10:00 CET",
                "drill game-day: running the drill of 2026-11-10 10:00 CET",
                "drill game-day: the drill of 2026-11-10 10:00 CET ended at 2026-11-10 10:30 CET;"
                        + " next at 2026-11-17 10:00 CET",
                "drill game-day: waiting for the drill of 2026-11-17 10:00 CET",
                "scheduler: stopped");
        assertThat(claims.claimed).containsExactly("game-day@" + berlin("2026-11-03T10:00"),
                "game-day@" + berlin("2026-11-10T10:00"));
    }

    @Test
    void afterARestartTheLatestMissedTimeRunsOnceAndTheLineSaysWhichWereMissed() {
        claims.ran("game-day", berlin("2026-11-03T10:00"), berlin("2026-11-03T10:00"));

        List<String> lines = runFromUntil("2026-11-18T12:00", "2026-11-19T00:00", weekly("game-day", Schedule.Missed.RUN_ONCE));

        assertThat(launched).containsExactly("game-day of 2026-11-17T10:00+01:00 at 2026-11-18T12:00");
        assertThat(lines).first().isEqualTo("drill game-day: missed 2 drill times while no scheduler ran"
                + " (first 2026-11-10 10:00 CET, last 2026-11-17 10:00 CET); running the one of 2026-11-17 10:00 CET now");
        assertThat(lines).contains("drill game-day: the drill of 2026-11-17 10:00 CET ended at 2026-11-18 12:30 CET;"
                + " next at 2026-11-24 10:00 CET");
    }

    @Test
    void afterARestartWithMissedSkipTheMissedTimesAreToldAndNotRun() {
        claims.ran("game-day", berlin("2026-11-03T10:00"), berlin("2026-11-03T10:00"));

        List<String> lines = runFromUntil("2026-11-11T12:00", "2026-11-20T00:00", weekly("game-day", Schedule.Missed.SKIP));

        assertThat(launched).containsExactly("game-day of 2026-11-17T10:00+01:00 at 2026-11-17T10:00");
        assertThat(lines).first().isEqualTo("drill game-day: missed 1 drill time while no scheduler ran"
                + " (2026-11-10 10:00 CET); skipping it (missed: skip); next at 2026-11-17 10:00 CET");
    }

    @Test
    void aRestartRightAfterADrillDoesNotRepeatIt() {
        claims.ran("game-day", berlin("2026-11-10T10:00"), berlin("2026-11-10T10:00"));

        List<String> lines = runFromUntil("2026-11-10T10:20", "2026-11-18T00:00", weekly("game-day", Schedule.Missed.RUN_ONCE));

        assertThat(launched).containsExactly("game-day of 2026-11-17T10:00+01:00 at 2026-11-17T10:00");
        assertThat(lines).first().isEqualTo("drill game-day: the last drill time, 2026-11-10 10:00 CET, was claimed;"
                + " none missed since; next at 2026-11-17 10:00 CET");
    }

    @Test
    void aTimeClaimedByAnotherSchedulerIsToldAndNotRun() {
        claims.claimedElsewhere.add("game-day@" + berlin("2026-11-03T10:00"));

        List<String> lines = runFromUntil("2026-11-01T12:00", "2026-11-05T00:00", weekly("game-day", Schedule.Missed.RUN_ONCE));

        assertThat(launched).isEmpty();
        assertThat(lines).contains("drill game-day: the drill of 2026-11-03 10:00 CET was already claimed"
                + " (by another scheduler?); not running it again; next at 2026-11-10 10:00 CET");
    }

    @Test
    void twoDrillsDueAtOnceRunInTurnAndTheLaterOneSaysItWaited() {
        takes.put("first", Duration.ofMinutes(45));

        List<String> lines = runFromUntil("2026-11-01T12:00", "2026-11-04T00:00",
                weekly("first", Schedule.Missed.RUN_ONCE), weekly("second", Schedule.Missed.RUN_ONCE));

        assertThat(launched).containsExactly(
                "first of 2026-11-03T10:00+01:00 at 2026-11-03T10:00",
                "second of 2026-11-03T10:00+01:00 at 2026-11-03T10:45");
        assertThat(lines).contains("drill second: waited for drill first (ran from 2026-11-03 10:00 CET"
                + " to 2026-11-03 10:45 CET); running the drill of 2026-11-03 10:00 CET now");
    }

    @Test
    void aDrillWhoseTimesPassedWhileAnotherRanRunsOnlyTheLatestOnce() {
        takes.put("long", Duration.ofMinutes(150));
        Drill hourly = drill("hourly", "0 * * * *", Window.ALWAYS, null, Schedule.Missed.RUN_ONCE);

        List<String> lines = runFromUntil("2026-11-03T09:30", "2026-11-03T12:50",
                weekly("long", Schedule.Missed.RUN_ONCE), hourly);

        assertThat(launched).containsExactly(
                "long of 2026-11-03T10:00+01:00 at 2026-11-03T10:00",
                "hourly of 2026-11-03T12:00+01:00 at 2026-11-03T12:30");
        assertThat(lines).contains("drill hourly: waited for drill long (ran from 2026-11-03 10:00 CET"
                + " to 2026-11-03 12:30 CET); 3 of its drill times passed meanwhile (first 2026-11-03 10:00 CET,"
                + " last 2026-11-03 12:00 CET); running only the latest, of 2026-11-03 12:00 CET, now");
    }

    @Test
    void springForwardWeekRunsTheTimeInTheGapOnceAtThreeCest() {
        Drill nightly = drill("nightly", "30 2 * * *", Window.ALWAYS, null, Schedule.Missed.RUN_ONCE);

        List<String> lines = runFromUntil("2026-03-27T12:00", "2026-03-31T00:00", nightly);

        assertThat(launched).containsExactly(
                "nightly of 2026-03-28T02:30+01:00 at 2026-03-28T02:30",
                "nightly of 2026-03-29T03:00+02:00 at 2026-03-29T03:00",
                "nightly of 2026-03-30T02:30+02:00 at 2026-03-30T02:30");
        assertThat(lines).contains("drill nightly: running the drill of 2026-03-29 03:00 CEST"
                + " (the clocks went forward from 02:00)");

    }

    @Test
    void fallBackWeekRunsTheRepeatedTimeOnceAtTheEarlierOffset() {
        Drill nightly = drill("nightly", "30 2 * * *", Window.ALWAYS, null, Schedule.Missed.RUN_ONCE);

        List<String> lines = runFromUntil("2026-10-24T12:00", "2026-10-27T00:00", nightly);

        assertThat(launched).containsExactly(
                "nightly of 2026-10-25T02:30+02:00 at 2026-10-25T02:30",
                "nightly of 2026-10-26T02:30+01:00 at 2026-10-26T02:30");
        assertThat(lines).contains("drill nightly: the drill of 2026-10-25 02:30 CEST ended at 2026-10-25 02:00 CET;"
                + " next at 2026-10-26 02:30 CET");
    }

    @Test
    void cronTimesOutsideTheWindowOrWithinTheMinIntervalAreSkippedAndSaidSo() {
        Window midWeek = new Window(EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                LocalTime.of(9, 0), LocalTime.of(17, 0));
        Drill daily = drill("daily", "0 10 * * *", midWeek, Duration.ofDays(2), Schedule.Missed.RUN_ONCE);

        List<String> lines = runFromUntil("2026-11-02T12:00", "2026-11-11T00:00", daily);

        assertThat(launched).containsExactly(
                "daily of 2026-11-03T10:00+01:00 at 2026-11-03T10:00",
                "daily of 2026-11-05T10:00+01:00 at 2026-11-05T10:00",
                "daily of 2026-11-10T10:00+01:00 at 2026-11-10T10:00");
        assertThat(lines).contains(
                "drill daily: the drill of 2026-11-03 10:00 CET ended at 2026-11-03 10:30 CET; next at"
                        + " 2026-11-05 10:00 CET (cron times skipped: 2026-11-04 10:00 CET within min-interval 2d"
                        + " of the drill before)",
                "drill daily: the drill of 2026-11-05 10:00 CET ended at 2026-11-05 10:30 CET; next at"
                        + " 2026-11-10 10:00 CET (cron times skipped: 2026-11-06 10:00 CET outside the window"
                        + " (days tue, wed, thu, hours 09:00-17:00), 2026-11-07 10:00 CET outside the window"
                        + " (days tue, wed, thu, hours 09:00-17:00), 2026-11-08 10:00 CET outside the window"
                        + " (days tue, wed, thu, hours 09:00-17:00), and 1 more)");
    }

    @Test
    void theMinIntervalCountsFromTheLastStartEvenOfADrillRunByHand() {
        claims.started.put("daily", berlin("2026-11-03T15:00"));
        Drill daily = drill("daily", "0 10 * * *", Window.ALWAYS, Duration.ofDays(2), Schedule.Missed.RUN_ONCE);

        List<String> lines = runFromUntil("2026-11-04T12:00", "2026-11-07T00:00", daily);

        assertThat(launched).containsExactly("daily of 2026-11-06T10:00+01:00 at 2026-11-06T10:00");
        assertThat(lines).first().isEqualTo("drill daily: no drill time claimed before; next at 2026-11-06 10:00 CET"
                + " (cron times skipped: 2026-11-05 10:00 CET within min-interval 2d of the drill before)");
    }

    @Test
    void aDrillStartedByHandWhileTheSchedulerWaitedMovesTheNextTimeByTheMinInterval() {
        Drill daily = drill("daily", "0 10 * * *", Window.ALWAYS, Duration.ofDays(1), Schedule.Missed.RUN_ONCE);
        clock.now = berlin("2026-11-02T12:00");

        Instant stopAt = berlin("2026-11-05T00:00");
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Scheduler.Waiter byHandMeanwhile = when -> {
            claims.started.putIfAbsent("daily", berlin("2026-11-02T15:00"));
            clock.now = when;
        };

        new Scheduler(List.of(daily), clock, byHandMeanwhile, claims, (drill, at) -> launched.add(at.toString()), out)
                .run(() -> !clock.now.isBefore(stopAt));

        assertThat(launched).containsExactly(berlin("2026-11-04T10:00").toString());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("drill daily: the drill of 2026-11-03 10:00 CET"
                + " is not run: the drill was started at 2026-11-02 15:00 CET (by hand or by another scheduler);"
                + " next at 2026-11-04 10:00 CET\n");
    }

    @Test
    void aFailedDrillIsToldAndTheSchedulerGoesOn() {

        clock.now = berlin("2026-11-01T12:00");
        Instant stopAt = berlin("2026-11-11T00:00");
        List<Instant> runs = new ArrayList<>();
        Scheduler.Launcher failing = (drill, scheduledFor) -> {
            runs.add(scheduledFor);
            throw new IllegalStateException("docker is gone\nsecond line");
        };
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        new Scheduler(List.of(weekly("game-day", Schedule.Missed.RUN_ONCE)), clock, when -> clock.now = when, claims,
                failing, out).run(() -> !clock.now.isBefore(stopAt));

        assertThat(runs).hasSize(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("drill game-day: the drill of"
                + " 2026-11-03 10:00 CET failed at 2026-11-03 10:00 CET (IllegalStateException: docker is gone);"
                + " next at 2026-11-10 10:00 CET\n");
    }

    @Test
    void anInterruptedWaitStopsTheScheduler() {
        clock.now = berlin("2026-11-01T12:00");
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Scheduler.Waiter interrupted = when -> {
            throw new InterruptedException();
        };

        new Scheduler(List.of(weekly("game-day", Schedule.Missed.RUN_ONCE)), clock, interrupted, claims,
                (drill, at) -> launched.add(drill.name()), out).run(() -> false);

        assertThat(Thread.interrupted()).isTrue();
        assertThat(launched).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).endsWith("scheduler: interrupted; stopping (no drill was running)\n");
    }

    @Test
    void aDrillWithoutScheduleIsRefused() {
        Drill byHand = new Drill("by-hand", Path.of("drills/by-hand.yaml"), List.of(Path.of("s.yaml")), null,
                List.of(), List.of(), null);

        assertThatThrownBy(() -> new Scheduler(List.of(byHand), clock, when -> { }, claims, (d, t) -> { }, System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drills/by-hand.yaml: drill 'by-hand' has no schedule; add one, or run it by hand with"
                        + " 'faultline drill run'");
    }

    @Test
    void theClockWaiterReturnsWhenTheClockReachesTheTime() throws InterruptedException {
        clock.now = Instant.parse("2026-11-01T00:00:00Z");
        Clock ticking = new FakeClock() {
            @Override
            public Instant instant() {
                clock.now = clock.now.plusSeconds(60);
                return clock.now;
            }
        };

        new Scheduler.ClockWaiter(ticking, Duration.ofMillis(1), () -> false).until(Instant.parse("2026-11-01T00:10:00Z"));

        assertThat(clock.now).isEqualTo(Instant.parse("2026-11-01T00:10:00Z"));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theClockWaiterReturnsEarlyWhenToldTo() throws InterruptedException {
        Clock standing = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

        new Scheduler.ClockWaiter(standing, Duration.ofMillis(1), () -> true).until(Instant.parse("2026-11-02T00:00:00Z"));

        assertThat(standing.instant()).isBefore(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theClockWaiterEndsWithInterruptedExceptionWhenInterrupted() {
        Clock standing = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> new Scheduler.ClockWaiter(standing, Duration.ofMillis(1), () -> false)
                .until(Instant.parse("2026-11-02T00:00:00Z")))
                .isInstanceOf(InterruptedException.class);
    }


    /** A clock that only moves when the test moves it. */
    private static class FakeClock extends Clock {
        Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The history's claims in memory; a claim records the start at the clock's time. */
    private final class FakeClaims implements Scheduler.Claims {
        final List<String> claimed = new ArrayList<>();
        final Set<String> claimedElsewhere = new HashSet<>();
        final Map<String, Instant> scheduled = new HashMap<>();
        final Map<String, Instant> started = new HashMap<>();

        void ran(String drill, Instant scheduledFor, Instant startedAt) {
            scheduled.put(drill, scheduledFor);
            started.put(drill, startedAt);
        }

        @Override
        public Optional<Instant> lastScheduled(String drill) {
            return Optional.ofNullable(scheduled.get(drill));
        }

        @Override
        public Optional<Instant> lastStarted(String drill) {
            return Optional.ofNullable(started.get(drill));
        }

        @Override
        public boolean claim(String drill, Instant scheduledFor) {
            String key = drill + "@" + scheduledFor;
            if (claimedElsewhere.contains(key) || claimed.contains(key)) {
                return false;
            }
            claimed.add(key);
            ran(drill, scheduledFor, clock.now);
            return true;
        }
    }
}
