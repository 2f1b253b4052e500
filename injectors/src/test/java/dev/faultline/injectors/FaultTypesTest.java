package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.FaultType;

class FaultTypesTest {
    @Test
    void everyFaultTypeIsFoundThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(FaultType.class).stream().map(p -> p.get().type()))
                .containsExactlyInAnyOrder("agent-crash", "agent-hang", "network", "broker-outage",
                        "data-corruption", "resource-exhaustion", "clock-skew");
    }
}
