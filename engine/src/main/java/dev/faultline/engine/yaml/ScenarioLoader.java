package dev.faultline.engine.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import dev.faultline.engine.drill.DrillSuite;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.Topology;

/**
 * Loads and checks scenario and topology files (see docs/scenario-format.md). Pure: it reads files and calls the
 * plugins' {@code configure}, and starts nothing. Invalid input throws an {@link InvalidScenarioException} holding
 * every problem found in the pass. Immutable and thread-safe.
 *
 * <pre>{@code
 * Scenario scenario = ScenarioLoader.standard().load(Path.of("scenarios/worker-crash.yaml"));
 * }</pre>
 */
public final class ScenarioLoader {
    private final Plugins plugins;

    private ScenarioLoader(Plugins plugins) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
    }

    /** A loader that knows exactly these fault and objective types. */
    public static ScenarioLoader withPlugins(Plugins plugins) {
        return new ScenarioLoader(plugins);
    }

    /** A loader with every fault and objective type found through {@link java.util.ServiceLoader}. */
    public static ScenarioLoader standard() {
        return new ScenarioLoader(Plugins.discover());
    }

    public Plugins plugins() {
        return plugins;
    }

    /**
     * One scenario file, with the topology it names (relative to the scenario's folder) or holds inline.
     *
     * @throws InvalidScenarioException with every problem found, when the scenario or its topology is invalid
     */
    public Scenario load(Path scenarioFile) {
        Problems problems = new Problems();
        ScenarioReader.Result result = read(scenarioFile, problems);
        problems.throwIfAny();
        return result.scenario();
    }

    /**
     * A scenario given as YAML text rather than read from a file (the Java scenario builder writes one), checked
     * exactly as a file would be.
     *
     * @param source where the text is said to come from: it names the scenario in problems and becomes
     *               {@link Scenario#source()}, and a relative {@code topology:} path resolves against its folder.
     *               The topology file may be anywhere (the program giving the text names it), not only in the
     *               scenario's tree as for a scenario file
     * @throws InvalidScenarioException with every problem found, when the scenario or its topology is invalid
     */
    public Scenario load(String yamlText, Path source) {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(source, "source");
        Problems problems = new Problems();
        YamlParams root = YamlDocuments.root(source.toString(), yamlText, "scenario", problems);
        Scenario scenario = root == null ? null
                : new ScenarioReader(plugins, problems, false).read(source, root).scenario();
        problems.throwIfAny();
        return scenario;
    }

    /**
     * A scenario given as Java values rather than text (the typed Java API builds one), turned straight into the
     * nodes a file is read into and checked by the same readers, so it meets the same checks with the same
     * messages. Nothing is written or parsed as YAML. A {@link Map} is a mapping (in its iteration order), a
     * {@link java.util.Collection} or array a list; scalars are {@link String}, {@link Number}, {@link Boolean},
     * {@link java.time.Duration} (as {@code 250ms}, {@code 10s}, {@code 2m}), an enum (its name), a {@link Path}
     * (its text) or {@code null} (nothing). Any other value is a problem at its field path.
     *
     * <pre>{@code
     * Scenario s = ScenarioLoader.standard().load(Map.of("scenario", "tiny", "topology", "/abs/support-desk.yaml"),
     *         Path.of("Faultline.scenario(tiny)"));
     * }</pre>
     *
     * @param source as for {@link #load(String, Path)}; problems in the document name it and the field path, with
     *               no line or column (problems in the topology file keep theirs)
     * @throws InvalidScenarioException with every problem found, when the scenario or its topology is invalid
     */
    public Scenario load(Map<String, ?> document, Path source) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(source, "source");
        Problems problems = new Problems();
        YamlParams root = JavaDocuments.root(source.toString(), document, problems);
        Scenario scenario = new ScenarioReader(plugins, problems, false).read(source, root).scenario();
        problems.throwIfAny();
        return scenario;
    }

    /**
     * One drill file ({@code drills/*.yaml}) with every scenario it names, each checked as in a suite; the drill's
     * probe halt conditions are added to every scenario.
     *
     * @throws InvalidScenarioException with every problem found in the drill and its scenarios
     */
    public DrillSuite loadDrill(Path drillFile) {
        Problems problems = new Problems();
        YamlParams root = YamlDocuments.readRoot(drillFile, "drill", null, problems);
        DrillSuite suite = root == null ? null : new DrillReader(this, problems).read(drillFile, root);
        problems.throwIfAny();
        return suite;
    }

    /**
     * One topology file.
     *
     * @throws InvalidScenarioException with every problem found
     */
    public Topology loadTopology(Path file) {
        Problems problems = new Problems();
        YamlParams root = YamlDocuments.readRoot(file, "topology", null, problems);
        Topology topology = root == null ? null : new TopologyReader(problems).read(root, null);
        problems.throwIfAny();
        return topology;
    }

    /**
     * A suite: each file as given, and for a directory every {@code *.yaml} and {@code *.yml} directly in it
     * (sorted by name; sub-folders such as {@code topologies/} are not read). Scenario names must be unique across
     * the suite. A file named twice is loaded once.
     *
     * @throws InvalidScenarioException with the problems of every file
     */
    public List<Scenario> loadAll(List<Path> filesOrDirs) {
        Problems problems = new Problems();
        List<Scenario> scenarios = new ArrayList<>();
        Map<String, String> firstFile = new HashMap<>();
        for (Path file : expand(filesOrDirs, problems)) {
            ScenarioReader.Result result = read(file, problems);
            if (result.nameValue() != null) {
                String first = firstFile.putIfAbsent(result.name(), file.toString());
                if (first != null) {
                    problems.addAll(result.nameValue().invalid("scenario '" + result.name() + "' is already defined in "
                            + first + "; names must be unique in a suite"));
                }
            }
            if (result.scenario() != null) {
                scenarios.add(result.scenario());
            }
        }
        problems.throwIfAny();
        return List.copyOf(scenarios);
    }

    ScenarioReader.Result read(Path file, Problems problems) {
        YamlParams root = YamlDocuments.readRoot(file, "scenario", null, problems);
        if (root == null) {
            return new ScenarioReader.Result(null, null, null);
        }
        return new ScenarioReader(plugins, problems, true).read(file, root);
    }

    static List<Path> expand(List<Path> filesOrDirs, Problems problems) {
        List<Path> files = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path path : filesOrDirs) {
            List<Path> found;
            if (Files.isDirectory(path)) {
                found = scenarioFilesIn(path, problems);
            } else if (Files.exists(path)) {
                found = List.of(path);
            } else {
                problems.add(new Problem(path.toString(), 0, 0, YamlDocuments.FILE, "no such file or directory"));
                found = List.of();
            }
            for (Path file : found) {
                if (seen.add(file.toAbsolutePath().normalize())) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    private static List<Path> scenarioFilesIn(Path dir, Problems problems) {
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> files = entries
                    .filter(Files::isRegularFile)
                    .filter(f -> isScenarioFileName(f.getFileName().toString()))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
            if (files.isEmpty()) {
                problems.add(new Problem(dir.toString(), 0, 0, YamlDocuments.FILE,
                        "no scenario files (*.yaml, *.yml) in this directory"));
            }
            return files;
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), 0, 0, YamlDocuments.FILE,
                    "cannot list the directory: " + YamlDocuments.reason(e)));
            return List.of();
        }
    }

    private static boolean isScenarioFileName(String name) {
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
