package dev.faultline.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContainerSetupTest {
    private static final ContainerSetup.ImageFile SHIM =
            new ContainerSetup.ImageFile("faultline/clock", "/opt/shim.so", "/.faultline-clock/shim.so", 0755);

    @Test
    void twoFaultsNeedingTheSameSetupNeedItOnce() {
        ContainerSetup one = new ContainerSetup(Map.of("LD_PRELOAD", "/.faultline-clock/shim.so"), List.of(SHIM));

        ContainerSetup both = one.and(one);

        assertThat(both).isEqualTo(one);
    }

    @Test
    void setupsOfDifferentVariablesAndFilesAreJoined() {
        ContainerSetup one = new ContainerSetup(Map.of("A", "1"), List.of(SHIM));
        ContainerSetup.ImageFile other = new ContainerSetup.ImageFile("faultline/x", "/y", "/z", 0644);

        ContainerSetup both = one.and(new ContainerSetup(Map.of("B", "2"), List.of(other)));

        assertThat(both).isEqualTo(new ContainerSetup(Map.of("A", "1", "B", "2"), List.of(SHIM, other)));
    }

    @Test
    void aVariableSetToTwoValuesIsAnError() {
        ContainerSetup one = new ContainerSetup(Map.of("LD_PRELOAD", "/a.so"), List.of());
        ContainerSetup other = new ContainerSetup(Map.of("LD_PRELOAD", "/b.so"), List.of());

        assertThatThrownBy(() -> one.and(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two faults set LD_PRELOAD of one service differently: '/a.so' and '/b.so'");
    }

    @Test
    void twoFilesForOnePathAreAnError() {
        ContainerSetup one = new ContainerSetup(Map.of(), List.of(SHIM));
        ContainerSetup other = new ContainerSetup(Map.of(), List.of(
                new ContainerSetup.ImageFile("faultline/other", "/opt/shim.so", "/.faultline-clock/shim.so", 0755)));

        assertThatThrownBy(() -> one.and(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("two faults copy different files to /.faultline-clock/shim.so of one service");
    }
}
