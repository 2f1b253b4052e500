package dev.faultline.cli.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.faultline.cli.schema.FormatSchemas.Kind;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * The loader's corpus of invalid documents, read by both the loader and the JSON Schemas.
 *
 * <ul>
 *   <li>{@code invalid/}: each document changes the valid {@code invalid/base/valid.yaml} (or, under
 *   {@code topologies/}, {@code invalid/base/topology.yaml}) in one place; its first line {@code # loader: ...} names
 *   the problem the loader reports. The loader rejects it with that problem and the schema rejects it too.</li>
 *   <li>{@code invalid-loader-only/}: documents the loader rejects and no schema can, each saying why on its second
 *   line ({@code # schema cannot: ...}): a target naming a service the topology lacks, a fault beyond the load,
 *   names that must be unique, another file. The schema accepts each, so the list stays honest.</li>
 *   <li>{@code hostile/} (the corpus of {@code HostileInputTest}): rejected by the schema too, but for the files
 *   named below, which the schema cannot see (and says why) or which are no YAML tree at all.</li>
 * </ul>
 */
class InvalidDocumentsTest {
    static final Path RESOURCES = FormatSchemas.ROOT.resolve("cli/src/test/resources");
    static final Path SCHEMA_VISIBLE = RESOURCES.resolve("invalid");
    static final Path LOADER_ONLY = RESOURCES.resolve("invalid-loader-only");
    static final Path HOSTILE = RESOURCES.resolve("hostile");

    private static final Pattern LOADER_LINE = Pattern.compile("# loader: (.+)");
    private static final Pattern SCHEMA_CANNOT_LINE = Pattern.compile("# schema cannot: (.+)");
    private static final Pattern FAULT_PATH = Pattern.compile("faults\\[(\\d+)].*");

    /** Hostile files the loader rejects and the schema cannot: why. */
    private static final Map<String, String> HOSTILE_SCHEMA_BLIND = Map.ofEntries(
            Map.entry("agent-crash-at-broker.yaml", "the target's role is in the topology"),
            Map.entry("agent-hang-at-broker.yaml", "the target's role is in the topology"),
            Map.entry("broker-outage-at-agent.yaml", "the target's role is in the topology"),
            Map.entry("broker-outage-at-replica.yaml", "the target's role is in the topology"),
            Map.entry("connections-at-agent.yaml", "the target's role is in the topology"),
            Map.entry("cpus-billion.yaml", "the limit is the CPUs of the machine that validates"),
            Map.entry("duplicate-key.yaml", "a key set twice is seen by the YAML reader only"),
            Map.entry("fault-after-load.yaml", "a fault's time is compared with load.duration"),
            Map.entry("fault-at-load-end.yaml", "a fault's time is compared with load.duration"),
            Map.entry("fault-window-beyond-load.yaml", "at plus duration is compared with load.duration"),
            Map.entry("repeats-beyond-load.yaml", "repeat.times x repeat.every is compared with load.duration"),
            Map.entry("memory-300g.yaml", "not expressed: a range on a size for one field"),
            Map.entry("rate-tiny.yaml", "not expressed: a lower bound on a rate"),
            Map.entry("sample-every-1ms.yaml", "not expressed: a lower bound on a duration"),
            Map.entry("sample-every-nanosecond.yaml", "not expressed: a lower bound on a duration"),
            Map.entry("service-name-clashes-replica.yaml", "a name compared with other services' replicas"),
            Map.entry("tag-binary.yaml", "a YAML tag: the tree a schema sees holds its value"),
            Map.entry("target-index-out-of-range.yaml", "the index is compared with the service's replicas"),
            Map.entry("topology-bad-file-image.yaml", "the problem is in the topology file it names"),
            Map.entry("topology-content-not-echoed.yaml", "the problem is in the topology file it names"),
            Map.entry("topology-directory-named-yaml.yaml", "the file system is outside the document"),
            Map.entry("topology-java-tag.yaml", "the problem is in the topology file it names"),
            Map.entry("topology-missing.yaml", "the file system is outside the document"));

    /** Hostile files that are no YAML tree (a syntax error, a tag, a recursive alias): no schema sees them. */
    private static final Set<String> HOSTILE_NOT_A_TREE = Set.of("billion-laughs.yaml", "deep-nesting-lists.yaml",
            "raw-control-character.yaml", "recursive-key.yaml", "recursive-list.yaml", "tag-custom-scalar.yaml",
            "tag-java-object.yaml", "tag-omap.yaml", "tag-on-key.yaml", "tag-on-list.yaml", "tag-on-mapping.yaml",
            "unknown-key-long.yaml", "java-tag.yaml");

    private final ScenarioLoader loader = ScenarioLoader.standard();

    static List<Path> schemaVisible() throws IOException {
        try (Stream<Path> files = Files.walk(SCHEMA_VISIBLE)) {
            return files.filter(f -> f.toString().endsWith(".yaml") && !f.getParent().endsWith("base")).sorted()
                    .toList();
        }
    }

    static List<Path> loaderOnly() throws IOException {
        try (Stream<Path> files = Files.list(LOADER_ONLY)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static List<Path> hostile() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(HOSTILE), Files.list(HOSTILE.resolve("topologies")))) {
            return files.filter(f -> f.toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    @Test
    void theDocumentsTheCorpusChangesAreValidForBoth() {
        Path scenario = SCHEMA_VISIBLE.resolve("base/valid.yaml");
        Path topology = SCHEMA_VISIBLE.resolve("base/topology.yaml");

        loader.load(scenario);
        loader.loadTopology(topology);

        assertThat(FormatSchemas.of(Kind.SCENARIO).violations(scenario)).isEmpty();
        assertThat(FormatSchemas.of(Kind.TOPOLOGY).violations(topology)).isEmpty();
    }

    @Test
    void theSchemaVisibleCorpusCoversEverySection() throws IOException {
        JsonNode base = FormatSchemas.yaml(SCHEMA_VISIBLE.resolve("base/valid.yaml"));
        Set<String> covered = new TreeSet<>();
        for (Path file : schemaVisible()) {
            covered.add(isTopologyFile(file) ? "(topology file)" : section(loaderLine(file), base));
        }

        Set<String> expected = new TreeSet<>(Set.of("scenario", "topology", "seed", "retries", "steady-state",
                "load", "halt-when", "topology.services", "topology.links", "(topology file)"));
        loader.plugins().faultTypeNames().forEach(type -> expected.add("faults:" + type));
        loader.plugins().objectiveKeys().forEach(key -> expected.add("objectives." + key));
        assertThat(schemaVisible()).hasSizeGreaterThanOrEqualTo(100);
        assertThat(covered).containsAll(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaVisible")
    void theLoaderAndTheSchemaBothRejectADocumentOfTheCorpus(Path file) throws IOException {
        String problem = loaderLine(file);
        Kind kind = isTopologyFile(file) ? Kind.TOPOLOGY : Kind.SCENARIO;

        assertThat(loaderProblems(file, kind)).as("the loader's problems with %s", file).anyMatch(p -> p.contains(problem));
        assertThat(FormatSchemas.of(kind).violations(file)).as("the schema's violations of %s", file).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loaderOnly")
    void theLoaderRejectsADocumentTheSchemaCannotSee(Path file) throws IOException {
        String problem = loaderLine(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        assertThat(lines.get(1)).as("why the schema cannot see it").matches(SCHEMA_CANNOT_LINE);
        assertThat(loaderProblems(file, Kind.SCENARIO)).as("the loader's problems with %s", file)
                .anyMatch(p -> p.contains(problem));
        assertThat(FormatSchemas.of(Kind.SCENARIO).violations(file)).as("the schema's violations of %s", file)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void theSchemaRejectsAHostileInputUnlessNamedAsBeyondIt(Path file) {
        String name = file.getFileName().toString();
        Kind kind = file.getParent().endsWith("topologies") ? Kind.TOPOLOGY : Kind.SCENARIO;
        FormatSchemas schema = FormatSchemas.of(kind);

        if (HOSTILE_NOT_A_TREE.contains(name)) {
            assertThat(catchThrowable(() -> FormatSchemas.yaml(file))).as("%s is no YAML tree", name).isNotNull();
        } else if (HOSTILE_SCHEMA_BLIND.containsKey(name)) {
            assertThat(schema.violations(file)).as("%s: the schema cannot see it (%s)", name,
                    HOSTILE_SCHEMA_BLIND.get(name)).isEmpty();
        } else {
            assertThat(schema.violations(file)).as("the schema's violations of %s", file).isNotEmpty();
        }
    }

    private List<String> loaderProblems(Path file, Kind kind) {
        Throwable thrown = catchThrowable(() -> {
            if (kind == Kind.TOPOLOGY) {
                loader.loadTopology(file);
            } else {
                loader.load(file);
            }
        });
        assertThat(thrown).as("the loader's verdict on %s", file).isInstanceOf(InvalidScenarioException.class);
        return ((InvalidScenarioException) thrown).problems().stream().map(p -> p.path() + ": " + p.message())
                .toList();
    }

    private static String loaderLine(Path file) throws IOException {
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        Matcher matcher = LOADER_LINE.matcher(first);
        assertThat(matcher.matches()).as("%s starts with '# loader: <the problem>'", file).isTrue();
        return matcher.group(1);
    }

    private static boolean isTopologyFile(Path file) {
        return file.getParent().endsWith("topologies");
    }

    /** The section a problem is in: {@code load}, {@code objectives.slo}, {@code faults:network} (by the base). */
    private static String section(String problem, JsonNode base) {
        String path = problem.substring(0, problem.indexOf(": "));
        Matcher fault = FAULT_PATH.matcher(path);
        if (fault.matches()) {
            return "faults:" + base.path("faults").path(Integer.parseInt(fault.group(1))).path("type").asText();
        }
        String[] parts = path.split("[.\\[]");
        if (parts[0].equals("objectives") || (parts[0].equals("topology") && parts.length > 1)) {
            return parts[0] + "." + parts[1];
        }
        return parts[0];
    }
}
