package dev.faultline.engine.spi;

import java.time.Duration;

/** A fault type ({@code agent-crash}, ...) found through {@link java.util.ServiceLoader}. */
public interface FaultType {
    /** The {@code type:} of a scenario's fault. */
    String type();

    /** Whether a fault of this type needs {@code duration:} (a window) or must not have one (instantaneous). */
    DurationRule durationRule();

    /**
     * Reads and checks {@code with:} (call {@link Params#allowOnly} first). No side effects: nothing is touched
     * until a run applies it ({@link Fault.Handle#apply}).
     */
    Fault configure(Params with, Duration duration);

    enum DurationRule { REQUIRED, OPTIONAL, FORBIDDEN }
}
