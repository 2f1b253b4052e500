package dev.faultline.cli.drill;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import dev.faultline.engine.drill.Drill;
import dev.faultline.engine.drill.Schedule;

/**
 * {@code faultline drill schedule}: runs drills at their drill times ({@link Schedule#next}), one at a time, and says
 * every decision in one line, with times in the drill's zone.
 *
 * <ul>
 *   <li>On start, per drill: the drill times after the last claimed one ({@link Claims#lastScheduled}) that passed
 *       while no scheduler ran are missed: with {@code missed: run-once} the latest of them runs now, with
 *       {@code skip} none does; either way the line says how many and which.</li>
 *   <li>A drill time is claimed before it runs; a claim refused (another scheduler ran it) is told and not run.</li>
 *   <li>A drill due while another runs waits for it and says so; when several of its times passed meanwhile, only
 *       the latest runs.</li>
 *   <li>{@code min-interval} counts from the drill's last start ({@link Claims#lastStarted}, then each start here).</li>
 * </ul>
 * The state of a run of the scheduler lives in that run; a Scheduler may be run again.
 */
public final class Scheduler {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss zzz", Locale.ENGLISH);
    /** How many cron times that are no drill times one line lists by name. */
    private static final int LISTED_SKIPS = 3;
    /** How many cron times before a drill time are looked at to tell which were skipped. */
    private static final int SKIPS_LOOKED_AT = 10_000;

    private final List<Drill> drills;
    private final Clock clock;
    private final Waiter waiter;
    private final Claims claims;
    private final Launcher launcher;
    private final PrintStream out;

    /** Waits until a time (or earlier: the scheduler looks at the clock again and waits on). */
    public interface Waiter {
        void until(Instant when) throws InterruptedException;
    }

    /** The drill history as far as scheduling goes (the history database, adapted). */
    public interface Claims {
        /** The latest drill time claimed for {@code drill}. */
        Optional<Instant> lastScheduled(String drill);

        /** The latest start of {@code drill}, scheduled or run by hand. */
        Optional<Instant> lastStarted(String drill);

        /** Claims ({@code drill}, {@code scheduledFor}) as started now; false if it was claimed before. */
        boolean claim(String drill, Instant scheduledFor);
    }

    /** Runs a drill (blocks until it ended). */
    public interface Launcher {
        void run(Drill drill, Instant scheduledFor);
    }

    public Scheduler(List<Drill> drills, Clock clock, Waiter waiter, Claims claims, Launcher launcher,
                     PrintStream out) {
        this.drills = List.copyOf(drills);
        if (this.drills.isEmpty()) {
            throw new IllegalArgumentException("drills: at least one drill is needed");
        }
        Set<String> names = new HashSet<>();
        for (Drill drill : this.drills) {
            if (drill.schedule() == null) {
                throw new IllegalArgumentException(drill.file() + ": drill '" + drill.name()
                        + "' has no schedule; add one, or run it by hand with 'faultline drill run'");
            }
            if (!names.add(drill.name())) {
                throw new IllegalArgumentException(drill.file() + ": drill '" + drill.name()
                        + "' is given twice; drill names must differ");
            }
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Runs drills on time until {@code stop} says so (looked at between waits and drills; give the real waiter the
     * same condition to wake it) or the thread is interrupted while waiting. A drill that throws is told and the
     * scheduler goes on; an exception of the claims (the history) ends the run.
     */

    public void run(BooleanSupplier stop) {
        List<Plan> plans = new ArrayList<>();
        for (Drill drill : drills) {
            plans.add(start(drill));
        }
        Ran previous = null;
        Instant waitingFor = null;
        while (!stop.getAsBoolean()) {
            Plan next = earliest(plans);
            if (next == null) {
                out.println("scheduler: no drill has a drill time left; stopping");
                return;
            }
            Instant due = next.time.toInstant();
            if (due.isAfter(clock.instant())) {
                if (!due.equals(waitingFor)) {
                    say(next.drill, "waiting for the drill of " + shown(next.time));
                    waitingFor = due;
                }
                try {
                    waiter.until(due);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.println("scheduler: interrupted; stopping (no drill was running)");
                    return;
                }
                continue;
            }
            waitingFor = null;
            previous = launch(next, previous);
        }
        out.println("scheduler: stopped");
    }

    /** The drill's first drill time to run: after its last claimed one, with the missed ones told. */
    private Plan start(Drill drill) {
        Schedule schedule = drill.schedule();
        String name = drill.name();
        Instant now = clock.instant();
        Instant lastStarted = claims.lastStarted(name).orElse(null);
        Optional<Instant> lastScheduled = claims.lastScheduled(name);
        if (lastScheduled.isEmpty()) {
            Plan plan = new Plan(drill, lastStarted);
            plan.time = first(schedule, now.minusNanos(1), lastStarted);
            say(drill, "no drill time claimed before; " + nextAt(plan, now.minusNanos(1)));
            return plan;
        }
        int missed = 0;
        ZonedDateTime firstMissed = null;
        ZonedDateTime lastMissed = null;
        ZonedDateTime upcoming = first(schedule, lastScheduled.get(), lastStarted);
        while (upcoming != null && upcoming.toInstant().isBefore(now)) {
            missed++;
            firstMissed = firstMissed == null ? upcoming : firstMissed;
            lastMissed = upcoming;
            upcoming = first(schedule, upcoming.toInstant(), upcoming.toInstant());
        }
        Plan plan = new Plan(drill, lastStarted);
        String last = shown(lastScheduled.get().atZone(schedule.zone()));
        if (missed == 0) {
            plan.time = upcoming;
            say(drill, "the last drill time, " + last + ", was claimed; none missed since; "
                    + nextAt(plan, lastScheduled.get()));
            return plan;
        }
        String times = missed == 1
                ? "missed 1 drill time while no scheduler ran (" + shown(lastMissed) + ")"
                : "missed " + missed + " drill times while no scheduler ran (first " + shown(firstMissed) + ", last "
                        + shown(lastMissed) + ")";
        if (schedule.missed() == Schedule.Missed.RUN_ONCE) {
            plan.time = lastMissed;
            plan.missedRunNow = true;
            say(drill, times + "; running " + (missed == 1 ? "it" : "the one of " + shown(lastMissed)) + " now");
        } else {
            plan.time = first(schedule, now.minusNanos(1), lastStarted);
            say(drill, times + "; skipping " + (missed == 1 ? "it" : "them") + " (missed: skip); "
                    + nextAt(plan, now.minusNanos(1)));
        }
        return plan;
    }

    /** Claims and runs the plan's drill time (or the latest of its times that passed meanwhile); plans the next. */
    private Ran launch(Plan plan, Ran previous) {
        Drill drill = plan.drill;
        Schedule schedule = drill.schedule();
        Instant now = clock.instant();
        ZonedDateTime scheduled = plan.time;
        Instant startedElsewhere = claims.lastStarted(drill.name()).orElse(null);
        if (startedElsewhere != null && (plan.lastStarted == null || startedElsewhere.isAfter(plan.lastStarted))) {
            plan.lastStarted = startedElsewhere;
            plan.time = first(schedule, scheduled.toInstant().minusNanos(1), startedElsewhere);
            if (plan.time == null || plan.time.isAfter(scheduled)) {
                say(drill, "the drill of " + shown(scheduled) + " is not run: the drill was started at "
                        + shown(startedElsewhere.atZone(schedule.zone())) + " (by hand or by another scheduler); "
                        + nextAt(plan, scheduled.toInstant()));

                return previous;
            }
        }

        List<ZonedDateTime> passed = new ArrayList<>();
        for (ZonedDateTime later = first(schedule, scheduled.toInstant(), scheduled.toInstant());
                later != null && !later.isAfter(now.atZone(schedule.zone()));
                later = first(schedule, later.toInstant(), later.toInstant())) {
            passed.add(later);
        }
        ZonedDateTime time = passed.isEmpty() ? scheduled : passed.get(passed.size() - 1);
        Ran result = previous;
        if (!claims.claim(drill.name(), time.toInstant())) {
            plan.lastStarted = claims.lastStarted(drill.name()).orElse(plan.lastStarted);
            plan.time = first(schedule, time.toInstant(), plan.lastStarted);
            say(drill, "the drill of " + shown(time) + " was already claimed (by another scheduler?); not running it"
                    + " again; " + nextAt(plan, time.toInstant()));
        } else {
            say(drill, runningLine(plan, scheduled, passed, time, previous, now));
            Instant started = now;
            String failure = null;
            try {
                launcher.run(drill, time.toInstant());
            } catch (RuntimeException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
            }
            Instant ended = clock.instant();
            plan.lastStarted = started;
            plan.time = first(schedule, time.toInstant(), started);
            say(drill, "the drill of " + shown(time) + (failure == null ? " ended at " : " failed at ")
                    + shown(ended.atZone(schedule.zone())) + (failure == null ? "" : " (" + failure + ")") + "; "
                    + nextAt(plan, time.toInstant()));
            result = new Ran(drill.name(), started, ended);
        }
        plan.missedRunNow = false;
        return result;
    }

    /**
     * {@code " (the clocks went forward from 02:00)"} when {@code time} is the first instant after a spring-forward
     * gap (where a cron time inside the gap runs, see {@link dev.faultline.engine.drill.Cron}), else empty.
     */
    static String gapNote(ZonedDateTime time) {
        java.time.zone.ZoneOffsetTransition t = time.getZone().getRules()
                .previousTransition(time.toInstant().plusNanos(1));
        return t != null && t.isGap() && t.getInstant().equals(time.toInstant())
                ? " (the clocks went forward from " + t.getDateTimeBefore().toLocalTime() + ")" : "";
    }

    private String runningLine(Plan plan, ZonedDateTime scheduled, List<ZonedDateTime> passed, ZonedDateTime time,
                               Ran previous, Instant now) {
        ZoneId zone = plan.drill.schedule().zone();
        boolean waited = previous != null && previous.ended.isAfter(scheduled.toInstant());
        if (!waited && passed.isEmpty()) {
            return plan.missedRunNow ? "running the drill of " + shown(time) + gapNote(time) + " (missed) now"
                    : "running the drill of " + shown(time) + gapNote(time);
        }
        StringBuilder line = new StringBuilder();
        if (waited) {
            line.append("waited for drill ").append(previous.drill).append(" (ran from ")
                    .append(shown(previous.started.atZone(zone))).append(" to ").append(shown(previous.ended.atZone(zone)))
                    .append(")");
        } else {
            line.append("held up until ").append(shown(now.atZone(zone)));
        }
        if (!passed.isEmpty()) {
            line.append("; ").append(passed.size() + 1).append(" of its drill times passed meanwhile (first ")
                    .append(shown(scheduled)).append(", last ").append(shown(time)).append("); running only the latest,")
                    .append(" of ").append(shown(time)).append(", now");
            return line.toString();
        }
        return line.append("; running the drill of ").append(shown(time)).append(" now").toString();
    }

    /** "next at T", with the cron times after {@code from} that are no drill times and why. */
    private String nextAt(Plan plan, Instant from) {
        if (plan.time == null) {
            return "no drill time in the next 400 years";
        }
        Schedule schedule = plan.drill.schedule();
        List<String> skips = new ArrayList<>();
        int count = 0;
        ZonedDateTime cron = schedule.cron().next(from.atZone(schedule.zone()));
        for (int looked = 0; cron.isBefore(plan.time) && looked < SKIPS_LOOKED_AT; looked++) {
            count++;
            if (skips.size() < LISTED_SKIPS) {
                String why = schedule.notADrillTime(cron, plan.lastStarted);
                skips.add(shown(cron) + (why == null ? "" : " " + why));
            }
            cron = schedule.cron().next(cron);
        }
        String next = "next at " + shown(plan.time);
        if (count == 0) {
            return next;
        }
        String more = count == skips.size() ? ""
                : cron.isBefore(plan.time) ? ", and over " + (count - skips.size()) + " more"
                : ", and " + (count - skips.size()) + " more";
        return next + " (cron times skipped: " + String.join(", ", skips) + more + ")";
    }

    private static ZonedDateTime first(Schedule schedule, Instant after, Instant lastDrill) {
        List<ZonedDateTime> times = schedule.next(after, lastDrill, 1);
        return times.isEmpty() ? null : times.get(0);
    }

    /** The plan due first; on a tie the drill given first. */
    private static Plan earliest(List<Plan> plans) {
        Plan earliest = null;
        for (Plan plan : plans) {
            if (plan.time != null && (earliest == null || plan.time.toInstant().isBefore(earliest.time.toInstant()))) {
                earliest = plan;
            }
        }
        return earliest;
    }

    private void say(Drill drill, String line) {
        out.println("drill " + drill.name() + ": " + line);
    }

    static String shown(ZonedDateTime time) {
        return (time.getSecond() == 0 && time.getNano() == 0 ? MINUTES : SECONDS).format(time);
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** One drill's state in a run of the scheduler: its next drill time and its last start. */
    private static final class Plan {
        private final Drill drill;
        private ZonedDateTime time;
        private Instant lastStarted;
        private boolean missedRunNow;

        Plan(Drill drill, Instant lastStarted) {
            this.drill = drill;
            this.lastStarted = lastStarted;
        }
    }

    /** The drill that ran last: the one a late drill waited for. */
    private record Ran(String drill, Instant started, Instant ended) {
    }

    /**
     * The real waiter: looks at {@code clock} every {@code poll} at most (so a changed system clock counts), returns at
     * the time or as soon as {@code wakeEarly} says so; an interrupt ends the wait with {@link InterruptedException}.
     */
    public static final class ClockWaiter implements Waiter {
        private final Clock clock;
        private final Duration poll;
        private final BooleanSupplier wakeEarly;

        public ClockWaiter(Clock clock, Duration poll, BooleanSupplier wakeEarly) {
            this.clock = Objects.requireNonNull(clock, "clock");
            if (poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("poll must be positive, but was " + poll);
            }
            this.poll = poll;
            this.wakeEarly = Objects.requireNonNull(wakeEarly, "wakeEarly");
        }

        /** On the system clock, polled each second. */
        public static ClockWaiter onSystemClock(BooleanSupplier wakeEarly) {
            return new ClockWaiter(Clock.systemUTC(), Duration.ofSeconds(1), wakeEarly);
        }

        @Override
        public void until(Instant when) throws InterruptedException {
            while (!wakeEarly.getAsBoolean()) {
                Duration left = Duration.between(clock.instant(), when);
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                // the pause between two looks at the clock; the condition is the clock reaching `when`
                Thread.sleep(Math.max(1, Math.min(left.toMillis(), poll.toMillis())));
            }
        }
    }
}
