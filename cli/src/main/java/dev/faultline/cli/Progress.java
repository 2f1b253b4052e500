package dev.faultline.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.RunPhase;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Live progress on the terminal: a line for every phase, fault and container change as it happens, and a status
 * line (elapsed, phase, active faults, probe states) every second on a terminal, every 5 s otherwise.
 */
final class Progress implements Consumer<TimelineEvent>, AutoCloseable {
    private final PrintStream out;
    private final Map<String, Boolean> probes = new LinkedHashMap<>();
    private final Map<String, FaultState> faults = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-progress");
        t.setDaemon(true);
        return t;
    });
    private volatile RunPhase phase = RunPhase.STARTING;
    private long lastLagShownAt = Long.MIN_VALUE / 2;
    private final long startedNanos = System.nanoTime();

    Progress(PrintStream out, Scenario scenario) {
        this.out = out;
        scenario.probes().forEach(p -> probes.put(p.name(), null));
        long every = System.console() != null ? 1 : 5;
        ticker.scheduleAtFixedRate(this::status, every, every, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void accept(TimelineEvent event) {
        if (event instanceof TimelineEvent.Sample s) {
            if (s.lane().isProbe()) {
                probes.put(s.lane().name(), s.ok());
            }
        } else if (event instanceof TimelineEvent.Phase p) {
            phase = p.phase();
            line(p.t(), "phase " + p.phase().wire());
        } else if (event instanceof TimelineEvent.FaultChange f) {
            if (f.change() == FaultState.REVERTED || f.change() == FaultState.FAILED) {
                faults.remove(f.fault());
            } else {
                faults.put(f.fault(), f.change());
            }
            line(f.t(), "fault " + f.fault() + " " + f.change().wire() + (f.detail().isEmpty() ? "" : ": " + f.detail()));
        } else if (event instanceof TimelineEvent.ServiceChange c) {
            line(c.t(), c.instance() + " " + c.change().wire() + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")"));
        } else if (event instanceof TimelineEvent.InstanceRecovery r) {
            line(r.t(), r.instance() + (r.recovered() ? " back by " : " NOT back by ") + r.strategy().yamlName()
                    + " " + Durations.figure(r.durationMs()) + " after its death (" + r.detail() + ")");
        } else if (event instanceof TimelineEvent.Halt h) {
            line(h.t(), "HALT: " + h.condition() + "; every fault reverted "
                    + Durations.figure(h.lastRevertedAt() - h.conditionTrueAt()) + " after the condition held");
        } else if (event instanceof TimelineEvent.StateReport r) {
            line(r.t(), r.instance() + " state " + (r.error() != null ? "unreadable: " + r.error() : r.ledger()));
        } else if (event instanceof TimelineEvent.SamplerLag l) {
            if (l.t() - lastLagShownAt > 1_000) {
                lastLagShownAt = l.t();
                line(l.t(), "warning: the harness ran " + Durations.figure(l.lagMs()) + " behind its sampling schedule (host overloaded)");
            }
        } else if (event instanceof TimelineEvent.Note n) {
            line(n.t(), n.message());
        }
    }

    private void line(long t, String text) {
        out.printf("  [%7.1fs] %s%n", t / 1000.0, text);
    }

    private synchronized void status() {
        StringBuilder sb = new StringBuilder();
        sb.append(phase.wire());
        sb.append(" | probes:");
        probes.forEach((name, ok) -> sb.append(' ').append(name).append(ok == null ? " ?" : ok ? " ok" : " FAILING"));
        sb.append(" | faults: ").append(faults.isEmpty() ? "none active" : String.join(", ", faults.keySet()));
        line((System.nanoTime() - startedNanos) / 1_000_000, sb.toString());
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
