package dev.faultline.injectors;

import java.time.Duration;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;

/** Reads {@code type: agent-hang}: no {@code with} fields; {@code duration} (required) is how long it stays frozen. */
public final class AgentHangType implements FaultType {
    @Override
    public String type() {
        return "agent-hang";
    }

    @Override
    public DurationRule durationRule() {
        return DurationRule.REQUIRED;
    }

    @Override
    public Fault configure(Params with, Duration duration) {
        with.allowOnly();
        return new AgentHang(duration);
    }
}
