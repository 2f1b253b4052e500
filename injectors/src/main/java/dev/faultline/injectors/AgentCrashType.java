package dev.faultline.injectors;

import java.time.Duration;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;

/** Reads {@code type: agent-crash} with {@code signal: KILL|TERM} and {@code repeat: {times, every}}. */
public final class AgentCrashType implements FaultType {
    @Override
    public String type() {
        return "agent-crash";
    }

    @Override
    public DurationRule durationRule() {
        return DurationRule.FORBIDDEN;
    }

    @Override
    public Fault configure(Params with, Duration duration) {
        with.allowOnly("signal", "repeat");
        Signal signal = with.enumValue("signal", Signal.class).orElse(Signal.KILL);
        int times = 0;
        Duration every = null;
        if (with.has("repeat")) {
            Params repeat = with.section("repeat").orElseThrow();
            repeat.allowOnly("times", "every");
            long repeats = repeat.integer("times").orElseThrow(() -> repeat.invalid("times", "is required"));
            every = repeat.duration("every").orElseThrow(() -> repeat.invalid("every", "is required"));
            if (repeats < 1 || repeats > AgentCrash.MAX_REPEATS) {
                throw repeat.invalid("times", "expected an integer from 1 to " + AgentCrash.MAX_REPEATS + " but was "
                        + repeats);
            }
            if (every.isZero()) {
                throw repeat.invalid("every", "expected a duration greater than 0 (e.g. 5s) but was 0");
            }
            times = (int) repeats;
        }
        return new AgentCrash(signal, times, every);
    }
}
