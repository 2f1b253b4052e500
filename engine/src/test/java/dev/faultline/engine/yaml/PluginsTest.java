package dev.faultline.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.ObjectiveType;
import dev.faultline.engine.spi.Params;

class PluginsTest {

    @Test
    void pluginsAreFoundByTheirTypeAndKeyAndListedSorted() {
        Plugins plugins = TestPlugins.all();

        assertThat(plugins.faultType("test-crash")).containsInstanceOf(TestPlugins.CrashType.class);
        assertThat(plugins.objectiveType("recovery")).containsInstanceOf(TestPlugins.RecoveryType.class);
        assertThat(plugins.faultTypeNames()).containsExactly("test-crash", "test-hang", "test-network", "test-outage");
        assertThat(plugins.objectiveKeys()).containsExactly("containment", "integrity", "recovery", "slo");
    }

    @Test
    void twoFaultTypesWithTheSameNameAreRejected() {
        assertThatThrownBy(() -> Plugins.of(List.of(new TestPlugins.CrashType(), new TestPlugins.CrashType()), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two fault types have the type 'test-crash'");
    }

    @Test
    void addingAPluginLeavesTheOriginalUnchanged() {
        Plugins none = Plugins.none();

        Plugins one = none.withFaultType(new TestPlugins.HangType()).withObjectiveType(new TestPlugins.SloType());

        assertThat(none.faultTypeNames()).isEmpty();
        assertThat(one.faultTypeNames()).containsExactly("test-hang");
        assertThat(one.objectiveKeys()).containsExactly("slo");
    }

    @Test
    void discoveryFindsThePluginsRegisteredWithServiceLoader(@TempDir Path classes) throws Exception {
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve(FaultType.class.getName()), DiscoverableFaultType.class.getName() + "\n");
        Files.writeString(services.resolve(ObjectiveType.class.getName()), DiscoverableObjectiveType.class.getName() + "\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Plugins discovered = Plugins.discover(loader);

            assertThat(discovered.faultTypeNames()).containsExactly("discoverable");
            assertThat(discovered.objectiveKeys()).containsExactly("discoverable");
        }
    }

    /** Registered with ServiceLoader only by the test above. */
    public static final class DiscoverableFaultType implements FaultType {
        @Override
        public String type() {
            return "discoverable";
        }

        @Override
        public DurationRule durationRule() {
            return DurationRule.OPTIONAL;
        }

        @Override
        public Fault configure(Params with, Duration duration) {
            return new TestPlugins.TestFault(type(), java.util.Map.of(), duration);
        }
    }

    /** Registered with ServiceLoader only by the test above. */
    public static final class DiscoverableObjectiveType implements ObjectiveType {
        @Override
        public String key() {
            return "discoverable";
        }

        @Override
        public Objective configure(Params section, Topology topology) {
            return new TestPlugins.TestObjective(key(), java.util.Map.of());
        }
    }
}
