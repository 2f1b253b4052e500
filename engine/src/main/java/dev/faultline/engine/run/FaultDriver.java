package dev.faultline.engine.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.LinkControl;
import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Applies, verifies and reverts a scenario's faults through this run's own {@link Fault.Handle}s, so the scenario's
 * configured faults are never changed by a run. Every fault that was ever applied (even half-way) is reverted
 * by {@link #revertAll()}, which is safe to call any number of times from any thread.
 */
final class FaultDriver {
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

    private final Timeline timeline;
    private final List<Active> faults = new ArrayList<>();
    private volatile boolean halted;
    private volatile Runnable beforeEachAction = () -> { };

    FaultDriver(Scenario scenario, RunningTopology runtime, Timeline timeline, long seed) {
        this.timeline = timeline;
        List<FaultSpec> specs = scenario.faults();
        for (int i = 0; i < specs.size(); i++) {
            FaultSpec spec = specs.get(i);
            List<String> all = runtime.topology().services().get(spec.target().service()).instanceNames();
            List<String> targets = resolve(spec.target(), all, seed * 31 + i);
            long faultSeed = scramble(seed * 31 + i + 1);
            ServiceSpec service = runtime.topology().services().get(spec.target().service());
            int index = i;
            faults.add(new Active(spec, new Context(spec, targets, service, runtime.topology(), runtime.control(),
                    runtime.links(), faultSeed, timeline, detail -> actedAgain(index, detail))));
        }
    }

    /** The instances a target means; {@code [random]} and {@code [N%]} choose by {@code seed}, the same each time. */
    static List<String> resolve(Target target, List<String> instances, long seed) {
        Random random = new Random(scramble(seed));
        return switch (target.kind()) {
            case ALL -> instances;
            case INDEX -> List.of(instances.get(target.value()));
            case RANDOM -> List.of(instances.get(random.nextInt(instances.size())));
            case PERCENT -> {
                List<String> shuffled = new ArrayList<>(instances);
                Collections.shuffle(shuffled, random);
                int n = Math.max(1, (int) Math.ceil(instances.size() * target.value() / 100.0));
                yield List.copyOf(shuffled.subList(0, n));
            }
        };
    }

    /** java.util.Random's first draws barely differ for nearby seeds: spread them first (MurmurHash3's finalizer). */
    private static long scramble(long seed) {
        long z = seed;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    int size() {
        return faults.size();
    }

    /**
     * {@code hook} runs right before every apply and revert, and when a fault acts again: the sampler narrows the
     * transitions a fault's action may cause ({@link Sampler#sharpen}).
     */
    void beforeEachAction(Runnable hook) {
        this.beforeEachAction = java.util.Objects.requireNonNull(hook, "hook");
    }

    FaultSpec spec(int index) {
        return faults.get(index).spec;
    }

    /**
     * Applies fault {@code index} and waits until it is verified; throws {@link FaultNotTakenException} if not.
     * Does nothing once {@link #stopInjecting()} was called; a revert waits for an apply in progress, so a halt never
     * leaves a fault half-applied behind it. When {@code cancelled} holds while waiting for the verification, returns quietly.
     */
    void inject(int index, java.util.function.BooleanSupplier cancelled) throws FaultNotTakenException, InterruptedException {
        Active a = faults.get(index);
        String name = a.spec.name();
        synchronized (a) {
            if (halted) {
                return;
            }
            a.applied = true;
            a.injectedAt = timeline.now();
            a.lastActedAt = a.injectedAt;
            timeline.record(new TimelineEvent.FaultChange(a.injectedAt, name, FaultState.INJECTED,
                    a.spec.type() + " " + a.context.targetInstances() + " " + a.spec.fault().describe()));
            beforeEachAction.run();
            try {
                a.handle.apply();
            } catch (Exception e) {
                a.error = "apply failed: " + e;
                timeline.record(new TimelineEvent.FaultChange(timeline.now(), name, FaultState.FAILED, a.error));
                throw new FaultNotTakenException(name, a.error, e);
            }
        }
        Fault.Verification[] last = {Fault.Verification.failed("not verified yet")};
        Poll.until(() -> {
            try {
                last[0] = a.handle.verify();
            } catch (Exception e) {
                last[0] = Fault.Verification.failed("verify threw " + e);
            }
            return last[0].tookEffect();
        }, VERIFY_TIMEOUT, Duration.ofMillis(20), cancelled);
        Fault.Verification v = last[0];
        if (!v.tookEffect() && (cancelled.getAsBoolean() || halted)) {
            return;
        }
        if (!v.tookEffect()) {
            a.error = "did not take effect within " + VERIFY_TIMEOUT.toSeconds() + " s: " + v.detail();
            timeline.record(new TimelineEvent.FaultChange(timeline.now(), name, FaultState.FAILED, a.error));
            throw new FaultNotTakenException(name, a.error, null);
        }
        timeline.record(new TimelineEvent.FaultChange(timeline.now(), name, FaultState.VERIFIED, v.detail()));
    }

    /**
     * Fault {@code index} acts on its targets again (a repeated crash, from the fault's own thread): recorded on the
     * timeline, and from now on the fault's last action. Without the fault's lock, which a revert holds while it
     * stops the very thread that calls this.
     */
    private void actedAgain(int index, String detail) {
        Active a = faults.get(index);
        beforeEachAction.run();
        long now = timeline.now();
        a.lastActedAt = Math.max(a.lastActedAt, now);
        timeline.record(new TimelineEvent.FaultChange(now, a.spec.name(), FaultState.ACTED_AGAIN, detail));
    }

    /** Reverts one fault if it was applied and not yet reverted. */
    void revert(int index) {
        Active a = faults.get(index);
        synchronized (a) {
            if (!a.applied || a.revertedAt >= 0) {
                return;
            }
            beforeEachAction.run();
            try {
                a.handle.revert();
                a.revertedAt = timeline.now();
                timeline.record(new TimelineEvent.FaultChange(a.revertedAt, a.spec.name(), FaultState.REVERTED, ""));
            } catch (Exception e) {
                timeline.record(new TimelineEvent.FaultChange(timeline.now(), a.spec.name(), FaultState.REVERT_FAILED,
                        e.toString()));
                try {
                    a.handle.revert(); // once more: revert must be idempotent
                    a.revertedAt = timeline.now();
                    timeline.record(new TimelineEvent.FaultChange(a.revertedAt, a.spec.name(), FaultState.REVERTED,
                            "second attempt"));
                } catch (Exception again) {
                    a.error = "revert failed: " + again;
                }
            }
        }
    }

    /** Reverts every applied fault. */
    void revertAll() {
        for (int i = 0; i < faults.size(); i++) {
            revert(i);
        }
    }

    /**
     * No fault is injected after this. Returns the faults in force now: read without the faults' locks, since a
     * revert already under way (on the run's own thread) holds one, and a fault counts as in force until that
     * revert is done.
     */
    List<Integer> stopInjecting() {
        halted = true;
        List<Integer> inForce = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            Active a = faults.get(i);
            if (a.applied && a.revertedAt < 0) {
                inForce.add(i);
            }
        }
        return inForce;
    }

    /** Reverts these faults at once (in parallel); returns them and the time the last was reverted. */
    Halted revertAtOnce(List<Integer> inForce) {
        List<Thread> reverts = new ArrayList<>();
        for (int index : inForce) {
            Thread t = new Thread(() -> revert(index), "faultline-halt-" + faults.get(index).spec.name());
            t.setDaemon(true);
            t.start();
            reverts.add(t);
        }
        for (Thread t : reverts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long last = inForce.isEmpty() ? timeline.now() : -1;
        List<String> names = new ArrayList<>();
        for (int index : inForce) {
            Active a = faults.get(index);
            names.add(a.spec.name());
            synchronized (a) {
                last = Math.max(last, a.revertedAt < 0 ? timeline.now() : a.revertedAt);
            }
        }
        return new Halted(names, last);
    }

    /** What {@link #revertAtOnce} reverted, and when the last of them was. */
    record Halted(List<String> reverted, long lastRevertedAt) {
    }

    List<FaultWindow> windows() {
        List<FaultWindow> out = new ArrayList<>();
        for (Active a : faults) {
            synchronized (a) {
                out.add(new FaultWindow(a.spec, a.context.targetInstances(), a.applied ? a.injectedAt : -1,
                        a.applied ? a.lastActedAt : -1, a.revertedAt, a.spec.fault().instantaneous(), a.error));
            }
        }
        return out;
    }

    private static final class Active {
        final FaultSpec spec;
        final Context context;
        /** This run's own state of the fault; the configured fault in the spec is shared and immutable. */
        final Fault.Handle handle;
        volatile boolean applied;
        volatile long injectedAt = -1;
        /** The injection, or the last time the fault acted again after it. */
        volatile long lastActedAt = -1;
        volatile long revertedAt = -1;
        String error;

        Active(FaultSpec spec, Context context) {
            this.spec = spec;
            this.context = context;
            this.handle = spec.fault().handle(context);
        }
    }

    private record Context(FaultSpec spec, List<String> targetInstances, ServiceSpec service, Topology topology,
                           ContainerControl containers, LinkControl links, long seed, Timeline timeline,
                           Consumer<String> actedAgainHook) implements FaultContext {
        @Override
        public void note(String message) {
            timeline.record(new TimelineEvent.Note(timeline.now(), spec.name() + ": " + message));
        }

        @Override
        public void actedAgain(String detail) {
            actedAgainHook.accept(detail);
        }
    }

    static final class FaultNotTakenException extends Exception {
        FaultNotTakenException(String fault, String message, Throwable cause) {
            super("fault " + fault + " " + message, cause);
        }
    }
}
