package dev.faultline.engine.drill;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One drill file: its scenarios in the order they run, its schedule (null for a drill only ever run by hand), the
 * halt conditions of the drill as a whole, the webhooks told of it, and its regression bounds (null: none).
 *
 * @param scenarios the scenario files, resolved and in run order (a folder given in the file is expanded, sorted)
 */
public record Drill(String name, Path file, List<Path> scenarios, Schedule schedule, List<DrillHalt> haltWhen,
                    List<URI> webhooks, Regression regression) {
    public Drill {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("drill: a name is needed");
        }
        Objects.requireNonNull(file, "file");
        scenarios = List.copyOf(scenarios);
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("scenarios: at least one scenario is needed");
        }
        haltWhen = List.copyOf(haltWhen);
        webhooks = List.copyOf(webhooks);
    }
}
