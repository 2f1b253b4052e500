package dev.faultline.engine.run;

import java.util.List;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;

/**
 * A fault that writes {@code inject <name>} and {@code revert <name>} to a shared log (in the order they happen,
 * across faults) and runs {@code onApply}/{@code onRevert}; it always takes effect.
 */
record RecordingFault(List<String> log, Runnable onApply, Runnable onRevert) implements Fault {
    RecordingFault(List<String> log) {
        this(log, () -> { }, () -> { });
    }

    @Override
    public Handle handle(FaultContext context) {
        String name = context.spec().name();
        return new Handle() {
            private boolean applied;

            @Override
            public synchronized void apply() {
                applied = true;
                log.add("inject " + name);
                onApply.run();
            }

            @Override
            public Verification verify() {
                return Verification.ok("recorded");
            }

            @Override
            public synchronized void revert() {
                if (applied) {
                    applied = false;
                    log.add("revert " + name);
                    onRevert.run();
                }
            }
        };
    }

    @Override
    public String describe() {
        return "recording";
    }
}
