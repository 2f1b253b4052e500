package dev.faultline.cli.schema;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schemas of the files a user writes ({@code docs/scenario.schema.json}, {@code docs/topology.schema.json},
 * {@code docs/drill.schema.json}): checks a YAML file against one, and lists the field paths one defines so they can
 * be compared with the fields the loader accepts.
 *
 * <p>YAML is read with SnakeYAML, the loader's own parser, so both see the same tree (merge keys {@code <<: *x}
 * included); the tree is then handed to the validator as JSON.
 */
public final class FormatSchemas {
    public static final Path ROOT = Path.of(System.getProperty("faultline.root", "..")).toAbsolutePath().normalize();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCAL_DEF = "#/definitions/";

    /** The three kinds of file, each with its schema. */
    public enum Kind {
        SCENARIO("scenario.schema.json"),
        TOPOLOGY("topology.schema.json"),
        DRILL("drill.schema.json");

        private final String fileName;

        Kind(String fileName) {
            this.fileName = fileName;
        }

        public Path schemaFile() {
            return ROOT.resolve("docs").resolve(fileName);
        }

        /** What a shipped file is, by its folder: {@code scenarios/topologies/}, {@code drills/}, else a scenario. */
        public static Kind of(Path file) {
            Path relative = ROOT.relativize(file.toAbsolutePath().normalize());
            if (relative.startsWith("drills")) {
                return DRILL;
            }
            return relative.getParent() != null && relative.getParent().endsWith("topologies") ? TOPOLOGY : SCENARIO;
        }
    }

    private final Kind kind;
    private final JsonNode root;
    private final JsonSchema schema;

    private FormatSchemas(Kind kind) {
        this.kind = kind;
        this.root = readJson(kind.schemaFile());
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
    }

    public static FormatSchemas of(Kind kind) {
        return new FormatSchemas(kind);
    }

    public Kind kind() {
        return kind;
    }

    /** The schema document itself. */
    public JsonNode root() {
        return root;
    }

    /** Every way the YAML file breaks the schema, one line each, sorted; empty when it matches. */
    public List<String> violations(Path yamlFile) {
        return violations(yaml(yamlFile));
    }

    public List<String> violations(JsonNode document) {
        Set<ValidationMessage> messages = schema.validate(document);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * The YAML file as a JSON tree, read as the loader reads it (YAML 1.1 scalars, merge keys; SnakeYAML's own limits on aliases and nesting, looser than the loader's)
     * Throws when SnakeYAML refuses the file (a syntax error, an unknown tag): no schema sees it.
     */
    public static JsonNode yaml(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new SafeConstructor(options)).load(reader);
            return tree(document, Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** SnakeYAML's objects as JSON; a mapping or list that holds itself (a recursive alias) has no tree. */
    private static JsonNode tree(Object value, Set<Object> enclosing) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            if (!enclosing.add(value)) {
                throw new IllegalArgumentException("a mapping or list that holds itself has no JSON tree");
            }
            try {
                if (value instanceof Map<?, ?> map) {
                    ObjectNode object = nodes.objectNode();
                    map.forEach((k, v) -> object.set(String.valueOf(k), tree(v, enclosing)));
                    return object;
                }
                ArrayNode array = nodes.arrayNode();
                ((Collection<?>) value).forEach(item -> array.add(tree(item, enclosing)));
                return array;
            } finally {
                enclosing.remove(value);
            }
        }
        return JSON.valueToTree(value);
    }

    /**
     * The field paths below the schema node at {@code pointer} (a JSON pointer: {@code /definitions/service},
     * {@code ""} for the root), as {@code steady-state.probes[].name}; the fields named in {@code opaque} (at the top)
     * are listed but not entered.
     */
    public Set<String> fieldPaths(String pointer, Set<String> opaque) {
        JsonNode start = root.at(pointer);
        if (start.isMissingNode()) {
            throw new IllegalArgumentException("no " + pointer + " in " + kind.schemaFile());
        }
        Set<String> paths = new TreeSet<>();
        collect(start, "", opaque, paths);
        return paths;
    }

    private void collect(JsonNode node, String prefix, Set<String> opaque, Set<String> paths) {
        JsonNode schemaNode = resolve(node);
        Iterator<Map.Entry<String, JsonNode>> properties = schemaNode.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String path = prefix + property.getKey();
            paths.add(path);
            if (prefix.isEmpty() && opaque.contains(property.getKey())) {
                continue;
            }
            JsonNode child = resolve(property.getValue());
            if (child.has("items")) {
                collect(child.get("items"), path + "[].", Set.of(), paths);
            } else {
                collect(child, path + ".", Set.of(), paths);
            }
        }
    }

    /** Follows {@code $ref}, also when wrapped as {@code {description, allOf: [{$ref}]}} to keep a description. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (true) {
            if (current.has("$ref")) {
                String ref = current.get("$ref").asText();
                if (!ref.startsWith(LOCAL_DEF)) {
                    throw new IllegalStateException("only local references (" + LOCAL_DEF + "...) are supported: " + ref);
                }
                current = root.path("definitions").path(ref.substring(LOCAL_DEF.length()));
                if (current.isMissingNode()) {
                    throw new IllegalStateException("no definition for " + ref);
                }
            } else if (!current.has("properties") && current.path("allOf").size() == 1
                    && current.get("allOf").get(0).has("$ref")) {
                current = current.get("allOf").get(0);
            } else {
                return current;
            }
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
