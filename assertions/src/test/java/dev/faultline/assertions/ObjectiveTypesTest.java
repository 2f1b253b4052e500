package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.ObjectiveType;

class ObjectiveTypesTest {
    @Test
    void everyObjectiveSectionIsFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(ObjectiveType.class).stream().map(p -> p.get().key()))
                .containsExactlyInAnyOrder("recovery", "integrity", "containment", "slo", "connections",
                        "back-to-normal");
    }
}
