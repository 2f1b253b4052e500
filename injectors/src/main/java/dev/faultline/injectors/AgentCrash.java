package dev.faultline.injectors;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;

/**
 * {@code agent-crash}: the target agents' processes die by {@code signal} (KILL or TERM), optionally again
 * {@code repeat.times} more times every {@code repeat.every}. Bringing them back is the topology's restart policy's
 * job, so reverting only stops further repeats. Each repeat that finds a target running tells the run
 * ({@link FaultContext#actedAgain}) before it signals, so recovery counts from the last crash. The settings are
 * immutable; each run's {@link Fault.Handle} remembers when its targets were started and holds its own repeats.
 */
public final class AgentCrash implements Fault {
    private final Signal signal;
    private final int repeatTimes;
    private final Duration repeatEvery;

    /** The most times a crash repeats. */
    public static final int MAX_REPEATS = 100;

    public AgentCrash(Signal signal, int repeatTimes, Duration repeatEvery) {
        if (signal == null) {
            throw new IllegalArgumentException("signal must be KILL or TERM, but was null");
        }
        if (repeatTimes < 0 || repeatTimes > MAX_REPEATS) {
            throw new IllegalArgumentException("repeat.times must be from 0 to " + MAX_REPEATS + ", but was "
                    + repeatTimes);
        }
        if (repeatTimes > 0 && (repeatEvery == null || repeatEvery.isZero() || repeatEvery.isNegative())) {
            throw new IllegalArgumentException("repeat.every must be greater than 0, but was " + repeatEvery);
        }
        this.signal = signal;
        this.repeatTimes = repeatTimes;
        this.repeatEvery = repeatEvery;
    }

    @Override
    public Fault.Handle handle(FaultContext context) {
        return new Crash(context);
    }

    /** The last repeat comes {@code times × every} after the first crash. */
    @Override
    public Duration span() {
        return repeatTimes == 0 ? Duration.ZERO : repeatEvery.multipliedBy(repeatTimes);
    }

    /** A broker is crashed or frozen by {@code broker-outage}, which also holds its restart policy off meanwhile. */
    @Override
    public Optional<String> unsuitableFor(ServiceSpec service) {
        return AgentHang.notABroker(service, "agent-crash", "kill or stop");
    }

    /** One run's crash: when each target was started before it, and the repeats still to come. */
    private final class Crash implements Fault.Handle {
        private final FaultContext context;
        private final Map<String, String> startedBefore = new HashMap<>();
        private ScheduledExecutorService repeats;

        Crash(FaultContext context) {
            this.context = context;
        }

        @Override
        public synchronized void apply() {
            for (String instance : context.targetInstances()) {
                startedBefore.put(instance, context.containers().startedAt(instance));
            }
            crash();
            if (repeatTimes > 0) {
                repeats = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "faultline-crash-repeat");
                    t.setDaemon(true);
                    return t;
                });
                for (int i = 1; i <= repeatTimes; i++) {
                    int repeat = i;
                    repeats.schedule(() -> crashAgain(repeat), repeatEvery.toMillis() * i, TimeUnit.MILLISECONDS);
                }
            }
        }

        private void crash() {
            for (String instance : context.targetInstances()) {
                if (context.containers().isRunning(instance)) {
                    context.containers().kill(instance, signal.name());
                    context.note("sent SIG" + signal + " to " + instance);
                } else {
                    context.note(instance + " was not running: no signal sent");
                }
            }
        }

        /** Repeat number {@code repeat}: acts again only on targets that run by now (else notes that none did). */
        private void crashAgain(int repeat) {
            String which = "repeat " + repeat + " of " + repeatTimes;
            try {
                List<String> running = context.targetInstances().stream()
                        .filter(i -> context.containers().isRunning(i))
                        .toList();
                if (running.isEmpty()) {
                    context.note(which + ": no target running, no signal sent");
                    return;
                }
                context.actedAgain(which + ": SIG" + signal + " to " + running);
                crash();
            } catch (RuntimeException e) {
                context.note(which + " failed: " + e);
            }
        }

        /** Took effect when every target's process is gone or has been started anew since the crash. */
        @Override
        public synchronized Verification verify() {
            List<String> alive = context.targetInstances().stream()
                    .filter(i -> context.containers().isRunning(i)
                            && context.containers().startedAt(i).equals(startedBefore.get(i)))
                    .toList();
            return alive.isEmpty()
                    ? Verification.ok("process of " + context.targetInstances() + " ended")
                    : Verification.failed("still running after SIG" + signal + ": " + alive);
        }

        @Override
        public synchronized void revert() {
            if (repeats != null) {
                repeats.shutdownNow();
            }
        }
    }

    @Override
    public boolean instantaneous() {
        return true;
    }

    @Override
    public String describe() {
        return "signal=" + signal + (repeatTimes > 0 ? " repeat=" + repeatTimes + "x every " + Durations.text(repeatEvery) : "");
    }
}
