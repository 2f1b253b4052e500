package dev.faultline.injectors.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.Resources;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.ContainerSetup;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.injectors.EveryOne;

/**
 * {@code clock-skew}: the target containers' wall clock jumps by {@code offset} while their processes run on; the
 * kernel's clock, the host's and every other container's stay true. Every process of the target's service starts
 * with {@link ClockShim}'s LD_PRELOAD shim, which adds the offset in a file to CLOCK_REALTIME (clock_gettime,
 * gettimeofday, time), and reads that file again every few milliseconds; until the fault applies, the offset is 0.
 * Apply writes the offset in each target; verify reads each target's clock through the shim (the reader runs
 * there with the container's environment): it must read the host's time plus the offset within {@link #TOLERANCE}.
 * Revert writes 0 into each container this run skewed, whatever state it is in, and, where it runs, waits until
 * its clock reads true time again. Should the harness be killed, the containers go with the run anyway.
 */
public final class ClockSkew implements Fault {
    /** How far a clock read may be from the expected time and still count as it (exec takes a while). */
    static final Duration TOLERANCE = Duration.ofSeconds(1);
    /** How long a revert waits for a running target's clock to read true time. */
    private static final Duration RELEASE_WITHIN = Duration.ofSeconds(5);

    private final Duration offset;
    private final Duration duration;

    public ClockSkew(Duration offset, Duration duration) {
        if (offset == null || offset.isZero() || offset.abs().compareTo(ClockSkewType.MAX_OFFSET) > 0) {
            throw new IllegalArgumentException("offset must be non-zero and at most 365 days either way, but was "
                    + offset);
        }
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be greater than 0, but was " + duration);
        }
        this.offset = offset;
        this.duration = duration;
    }

    public Duration offset() {
        return offset;
    }

    @Override
    public ContainerSetup setup(ServiceSpec service) {
        return ClockShim.setup(service);
    }

    /** A bounded disk mounted over the shim's folder would hide it. */
    @Override
    public Optional<String> unsuitableFor(ServiceSpec service) {
        Resources.Disk disk = service.resources() == null ? null : service.resources().disk();
        if (disk != null && (ClockShim.DIR + "/").startsWith(disk.path().endsWith("/") ? disk.path()
                : disk.path() + "/")) {
            return Optional.of("its bounded disk at " + disk.path() + " would hide the clock shim in "
                    + ClockShim.DIR);
        }
        return Optional.empty();
    }

    @Override
    public Handle handle(FaultContext context) {
        return new Skew(context, offset);
    }

    /** {@code wall clock +30s for 8s}. */
    @Override
    public String describe() {
        return "wall clock " + signed(offset) + " for " + Durations.text(duration);
    }

    static String signed(Duration d) {
        return (d.isNegative() ? "-" : "+") + Durations.text(d.abs());
    }

    /** One run's skew: the instances whose offset file it wrote. */
    private static final class Skew implements Handle {
        private final FaultContext context;
        private final Duration offset;
        /** Instances this run skewed, recorded before the write in case it fails half-way; removed once reverted. */
        private final Set<String> skewed = new LinkedHashSet<>();

        Skew(FaultContext context, Duration offset) {
            this.context = context;
            this.offset = offset;
        }

        @Override
        public synchronized void apply() {
            for (String instance : context.targetInstances()) {
                skewed.add(instance);
                ClockShim.set(context.containers(), instance, offset.toNanos());
                context.note("moved the wall clock of " + instance + " by " + signed(offset));
            }
        }

        /** Took effect when every target's clock reads the host's time plus the offset. */
        @Override
        public synchronized Verification verify() {
            if (skewed.isEmpty()) {
                return Verification.failed("not applied");
            }
            List<String> read = new ArrayList<>();
            for (String instance : skewed) {
                Duration skew = skew(context.containers(), instance);
                if (skew.minus(offset).abs().compareTo(TOLERANCE) > 0) {
                    return Verification.failed(instance + " reads host time " + signedFigure(skew)
                            + ", expected " + signed(offset));
                }
                read.add(instance + " reads host time " + signedFigure(skew));
            }
            return Verification.ok(String.join("; ", read));
        }

        /** Writes 0 into every container this run skewed; tries them all, then throws the first failure. */
        @Override
        public synchronized void revert() {
            ContainerControl containers = context.containers();
            EveryOne.attempt(new ArrayList<>(skewed), instance -> {
                if (!containers.isRunning(instance) || containers.isPaused(instance)) {
                    ClockShim.reset(containers, instance);
                    context.note(instance + " is not running: its clock offset is 0 for when it runs again");
                } else if (ClockShim.setIfInstalled(containers, instance, 0)) {
                    awaitTrueTime(containers, instance);
                    context.note("the wall clock of " + instance + " reads true time again");
                } else {
                    context.note(instance + " has no clock shim: its clock was never moved");
                }
                skewed.remove(instance);
            });
        }

        private static void awaitTrueTime(ContainerControl containers, String instance) {
            long deadline = System.nanoTime() + RELEASE_WITHIN.toNanos();
            Duration skew = skew(containers, instance);
            while (skew.abs().compareTo(TOLERANCE) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(instance + " still reads host time " + signedFigure(skew) + " "
                            + Durations.figure(RELEASE_WITHIN) + " after its clock offset was set to 0");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                skew = skew(containers, instance);
            }
        }
    }

    /** How far the instance's wall clock is from the host's: its reading minus the host's at the middle of the read. */
    static Duration skew(ContainerControl containers, String instance) {
        long before = nanos(Instant.now());
        long there = ClockShim.now(containers, instance);
        long after = nanos(Instant.now());
        return Duration.ofNanos(there - (before + (after - before) / 2));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String signedFigure(Duration d) {
        return (d.isNegative() ? "-" : "+") + Durations.figure(d.abs().toMillis());
    }
}
