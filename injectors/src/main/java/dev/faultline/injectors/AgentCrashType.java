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
            times = repeat.integer("times").orElseThrow(() -> repeat.invalid("times", "is required")).intValue();
            every = repeat.duration("every").orElseThrow(() -> repeat.invalid("every", "is required"));
            if (times < 1) {
                throw repeat.invalid("times", "expected an integer of at least 1 but was " + times);
            }
        }
        return new AgentCrash(signal, times, every);
    }
}
