package dev.faultline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The contract of {@code result.json}: {@code docs/result.schema.json}. Checks a written result against it, and
 * lists the field paths it defines ({@code faults[].probes.*.recoveryMs}) for the test that pins the format
 * reference to it.
 */
final class ResultSchema {
    static final Path ROOT = Path.of(System.getProperty("faultline.root", "..")).toAbsolutePath().normalize();
    static final Path FILE = ROOT.resolve("docs/result.schema.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCAL_DEF = "#/$defs/";

    private final JsonNode root;
    private final JsonSchema schema;

    private ResultSchema(JsonNode root) {
        this.root = root;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root, config);
    }

    /** The repository's schema. */
    static ResultSchema standard() {
        return of(FILE);
    }

    static ResultSchema of(Path schemaFile) {
        return new ResultSchema(read(schemaFile));
    }

    /** Every way {@code resultJson} breaks the schema, one line each ({@code $.faults[0].recoveryMs: ...}). */
    List<String> violations(Path resultJson) {
        return violations(read(resultJson));
    }

    List<String> violations(JsonNode result) {
        Set<ValidationMessage> messages = schema.validate(result);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Fails with every violation when {@code resultJson} does not match the schema. */
    void assertValid(Path resultJson) {
        List<String> violations = violations(resultJson);
        if (!violations.isEmpty()) {
            throw new AssertionError(resultJson + " does not match " + FILE.getFileName() + ":\n  "
                    + String.join("\n  ", violations));
        }
    }

    /**
     * Every field path the schema defines, nested objects included: {@code verdict}, {@code faults},
     * {@code faults[].name}, {@code faults[].probes.*.recoveryMs} ({@code []} an array's items, {@code *} any key of
     * a map whose values are objects).
     */
    Set<String> fieldPaths() {
        Set<String> paths = new TreeSet<>();
        collect(root, "", paths);
        return paths;
    }

    private void collect(JsonNode node, String prefix, Set<String> paths) {
        JsonNode schemaNode = resolve(node);
        for (String alternatives : List.of("oneOf", "anyOf")) {
            for (JsonNode alternative : schemaNode.path(alternatives)) {
                collect(alternative, prefix, paths);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schemaNode.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String path = prefix + property.getKey();
            paths.add(path);
            collect(property.getValue(), path + ".", paths);
        }
        if (schemaNode.has("items")) {
            collect(schemaNode.get("items"), prefix.substring(0, prefix.length() - 1) + "[].", paths);
        }
        if (schemaNode.path("additionalProperties").isObject()) {
            collect(schemaNode.get("additionalProperties"), prefix + "*.", paths);
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith(LOCAL_DEF)) {
                throw new IllegalStateException("only local references (" + LOCAL_DEF + "...) are supported: " + ref);
            }
            current = root.path("$defs").path(ref.substring(LOCAL_DEF.length()));
            if (current.isMissingNode()) {
                throw new IllegalStateException("no definition for " + ref);
            }
        }
        return current;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
