package dev.faultline.injectors;

import java.time.Duration;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;

/** Reads {@code type: broker-outage} with {@code mode: stop|kill|pause|disconnect} (required). */
public final class BrokerOutageType implements FaultType {
    @Override
    public String type() {
        return "broker-outage";
    }

    @Override
    public DurationRule durationRule() {
        return DurationRule.REQUIRED;
    }

    @Override
    public Fault configure(Params with, Duration duration) {
        with.allowOnly("mode");
        BrokerMode mode = with.enumValue("mode", BrokerMode.class)
                .orElseThrow(() -> with.invalid("mode", "is required; expected one of stop, kill, pause, disconnect"));
        return new BrokerOutage(mode);
    }
}
