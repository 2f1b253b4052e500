package dev.faultline.cli.drill;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.faultline.engine.drill.Drill;
import dev.faultline.engine.drill.DrillHalt;
import dev.faultline.engine.drill.DrillSuite;
import dev.faultline.engine.drill.Regression;
import dev.faultline.engine.drill.Schedule;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.HaltCondition;
import dev.faultline.engine.model.LoadSpec;
import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.spi.Objective;

/**
 * The text of {@code faultline drill plan}: the next times the drill runs (in its time zone, with the offset, so a
 * DST change shows), and every action of every scenario in order, with its time from the start of the scenario's
 * load. Pure: it starts nothing.
 */
public final class DrillPlan {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm xxx (zzz)", Locale.ROOT);

    private DrillPlan() {
    }

    public static String text(DrillSuite suite, Instant now, Instant lastDrill, int times) {
        Drill drill = suite.drill();
        StringBuilder b = new StringBuilder();
        b.append(String.format("drill %s (%s): %d scenario(s); every file is valid%n", drill.name(), drill.file(),
                suite.scenarios().size()));
        b.append(schedule(drill.schedule(), now, lastDrill, times));
        b.append(String.format("%ntimeline (the scenarios run one after the other; times from the start of each"
                + " scenario's load):%n"));
        int n = 1;
        for (Scenario s : suite.scenarios()) {
            b.append(scenario(n++, s));
        }
        b.append(String.format("%nhalt the drill when:%n"));
        if (drill.haltWhen().isEmpty()) {
            b.append(String.format("  (nothing: every scenario runs, whatever the one before came to)%n"));
        }
        for (DrillHalt h : drill.haltWhen()) {
            b.append("  ").append(halt(h)).append(System.lineSeparator());
        }
        b.append(String.format("notify: %s%n", drill.webhooks().isEmpty() ? "nobody"
                : drill.webhooks().stream().map(Webhooks::shown).collect(Collectors.joining(", "))
                + " (at the start, after each scenario, at the end)"));
        b.append(String.format("regression: %s%n", regression(drill.regression())));
        return b.toString();
    }

    private static String schedule(Schedule schedule, Instant now, Instant lastDrill, int times) {
        if (schedule == null) {
            return String.format("schedule: none (run by hand: faultline drill run)%n");
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("schedule: cron \"%s\" in %s%s%s; missed times: %s%n", schedule.cron().text(),
                schedule.zone().getId(),
                schedule.window().equals(dev.faultline.engine.drill.Window.ALWAYS) ? ""
                        : ", window " + schedule.window().days().stream().sorted()
                        .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT)).collect(Collectors.joining(","))
                        + " " + schedule.window().from() + "-" + schedule.window().until(),
                schedule.minInterval() == null ? "" : ", at least " + interval(schedule.minInterval())
                        + " apart",
                schedule.missed() == Schedule.Missed.RUN_ONCE ? "the latest runs once" : "skipped, and said"));
        List<ZonedDateTime> next = schedule.next(now, lastDrill, times);
        b.append(String.format("next %d run(s), %s time:%n", next.size(), schedule.zone().getId()));
        if (next.isEmpty()) {
            b.append(String.format("  none within a year: the cron expression and the window never meet%n"));
        }
        for (ZonedDateTime t : next) {
            b.append("  ").append(TIME.format(t)).append(System.lineSeparator());
        }
        return b.toString();
    }

    private static String scenario(int n, Scenario s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("  %d. %s (%s): topology %s, %d service(s)%n", n, s.name(), s.source(),
                s.topology().name(), s.topology().services().size()));
        b.append(String.format("       start the topology; wait for the steady state: %s, sampled every %s%n",
                s.probes().isEmpty() ? "no probes" : s.probes().stream().map(Probe::name)
                        .collect(Collectors.joining(", ")), Durations.text(s.sampleEvery())));
        List<Action> actions = new ArrayList<>();
        LoadSpec load = s.load();
        if (load != null) {
            actions.add(new Action(Duration.ZERO, "load: " + load(load)));
        }
        for (FaultSpec f : s.faults().stream().sorted(Comparator.comparing(FaultSpec::at)).toList()) {
            actions.add(new Action(f.at(), "inject " + f.name() + ": " + f.type() + " on "
                    + f.target() + f.window().map(d -> " for " + Durations.text(d) + ", then revert").orElse("")));
        }
        if (load != null) {
            actions.add(new Action(load.duration(), "load ends; drain for up to " + Durations.text(load.drain())));
        }
        actions.sort(Comparator.comparing(Action::at)); // stable: the load first, faults in file order
        for (Action a : actions) {
            b.append(String.format("       %-8s %s%n", Durations.text(a.at()), a.what()));
        }
        b.append(String.format("       then: revert anything left, wait for recovery, judge %s; remove every"
                        + " container%n", s.objectives().isEmpty() ? "(no objectives)"
                        : s.objectives().stream().map(Objective::name).collect(Collectors.joining(", "))));
        for (HaltCondition h : s.haltWhen()) {
            b.append(String.format("       halt when probe %s fails for %s%n", h.probe(), Durations.text(h.failingFor())));
        }
        return b.toString();
    }

    private static String load(LoadSpec load) {
        String shape = load.rate() != null ? load.rate().toString()
                : load.users() != null ? load.users() + " users" : "simulation " + load.simulation();
        return load.driver() + " " + shape + (load.rampUp().isZero() ? "" : " (ramp-up " + Durations.text(load.rampUp())
                + ")") + " for " + Durations.text(load.duration());
    }

    private static String halt(DrillHalt h) {
        if (h instanceof DrillHalt.ProbeFailing p) {
            return "probe " + p.condition().probe() + " fails for " + Durations.text(p.condition().failingFor())
                    + " in any scenario";
        }
        if (h instanceof DrillHalt.VerdictAtLeast v) {
            return "a scenario ends " + v.verdict() + " or worse";
        }
        return ((DrillHalt.FailedScenarios) h).count() + " scenario(s) did not pass";
    }

    private static String regression(Regression r) {
        if (r == null) {
            return "none";
        }
        return r.bounds().stream().map(bound -> bound.figure().yamlName() + " may grow by "
                        + growth(bound))
                .collect(Collectors.joining(", ")) + " over the median of the last " + r.compareWith() + " drill(s)";
    }

    /** {@code 20d}, {@code 36h}, or as any other duration. */
    private static String interval(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0 && d.toNanosPart() == 0 && d.toSecondsPart() == 0) {
            return d.toDays() + "d";
        }
        return d.toMinutes() % 60 == 0 && d.toSecondsPart() == 0 && d.toNanosPart() == 0 ? d.toHours() + "h"
                : Durations.text(d);
    }

    /** {@code 20%}, {@code 2s}, {@code 20% or 2s} (the larger), as in the drill file. */
    private static String growth(Regression.Bound bound) {
        long absolute = bound.mayGrow().absolute();
        String amount = bound.figure().isTime() ? Durations.figure(absolute) : String.valueOf(absolute);
        if (bound.mayGrow().percent() == null) {
            return amount;
        }
        return percent(bound.mayGrow().percent()) + (absolute == 0 ? "" : " or " + amount + ", the larger");
    }

    private static String percent(double p) {
        return java.math.BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + "%";
    }

    private record Action(Duration at, String what) {
    }
}
