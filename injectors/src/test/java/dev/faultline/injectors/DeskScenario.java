package dev.faultline.injectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.yaml.Plugins;
import dev.faultline.engine.yaml.ScenarioLoader;

/** A scenario on a one-service topology (two {@code worker} agents) with the given {@code faults:} entries. */
public final class DeskScenario {
    private DeskScenario() {
    }

    /** Writes the scenario into {@code dir} and loads it with {@code type} as the only fault type. */
    public static Scenario load(Path dir, FaultType type, String faults) throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, """
                scenario: s
                topology:
                  topology: desk
                  services:
                    worker: { image: faultline/agent, role: agent, replicas: 2 }
                faults:
                """ + faults);
        return ScenarioLoader.withPlugins(Plugins.of(List.of(type), List.of())).load(file);
    }
}
