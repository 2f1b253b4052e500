package dev.faultline.engine.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.faultline.engine.spi.Params;

/**
 * {@link Params} over one YAML mapping (a fault's {@code with:}, an objective's section). Every getter checks its
 * value at once and throws an {@link InvalidScenarioException} naming the file, line, column and field path, what
 * was expected and what was found. A key with an empty value ({@code key:} or {@code key: ~}) counts as absent.
 * Immutable.
 */
public final class YamlParams implements Params {
    private final String file;
    private final String path;
    private final Node location;
    private final Map<String, NodeTuple> entries;

    private YamlParams(String file, String path, Node location, Map<String, NodeTuple> entries) {
        this.file = Objects.requireNonNull(file, "file");
        this.path = Objects.requireNonNull(path, "path");
        this.location = Objects.requireNonNull(location, "location");
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The section held by {@code mapping}; the first of duplicate keys wins (duplicates are reported on reading). */
    static YamlParams of(String file, String path, MappingNode mapping) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                continue;
            }
            if (Tag.MERGE.equals(key.getTag())) {
                merged.addAll(mergedTuples(tuple.getValueNode()));
            } else {
                entries.putIfAbsent(key.getValue(), tuple);
            }
        }
        for (NodeTuple tuple : merged) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                entries.putIfAbsent(key.getValue(), tuple);
            }
        }
        return new YamlParams(file, path, mapping, entries);
    }

    /** An empty section whose problems point at {@code location} (e.g. the fault with no {@code with:}). */
    static YamlParams empty(String file, String path, Node location) {
        return new YamlParams(file, path, location, new LinkedHashMap<>());
    }

    /**
     * Params over a YAML mapping given as text, for testing a plugin's {@code configure} without a scenario file:
     * {@code YamlParams.parse("{signal: KILL}")}. Problems are reported against the file name {@code <string>}.
     *
     * @throws InvalidScenarioException when the text is not a YAML mapping
     */
    public static YamlParams parse(String yamlMapping) {
        Problems problems = new Problems();
        String file = "<string>";
        Node root = YamlDocuments.compose(file, yamlMapping, problems);
        problems.throwIfAny();
        if (root == null) {
            Mark start = new Mark(file, 0, 0, 0, new int[0], 0);
            return empty(file, "", new ScalarNode(Tag.NULL, "", start, start, DumperOptions.ScalarStyle.PLAIN));
        }
        YamlParams params = problems.attempt(() -> new YamlValue(file, "", root).mapping());
        problems.throwIfAny();
        return params;
    }

    private static List<NodeTuple> mergedTuples(Node value) {
        List<NodeTuple> tuples = new ArrayList<>();
        if (value instanceof MappingNode m) {
            tuples.addAll(m.getValue());
        } else if (value instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                if (item instanceof MappingNode m) {
                    tuples.addAll(m.getValue());
                }
            }
        }
        return tuples;
    }

    @Override
    public String path() {
        return path;
    }

    String file() {
        return file;
    }

    /** The mapping node, or where an absent section is reported. */
    Node location() {
        return location;
    }

    /** The field path of {@code key} in this section: {@code faults[0].with.mode}. */
    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Every key, in the order written (keys with empty values included). */
    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(entries.keySet()));
    }

    @Override
    public boolean has(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple != null && !YamlValue.isNull(tuple.getValueNode());
    }

    /** Rejects every key not listed (all of them in one exception), with a "did you mean" hint for each. */
    @Override
    public YamlParams allowOnly(String... keys) {
        List<String> allowed = List.of(keys);
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                String message = allowed.isEmpty()
                        ? "unknown field; no fields are allowed here"
                        : Hints.unknown("unknown field", entry.getKey(), allowed, "Expected one of");
                problems.add(Problem.at(file, entry.getValue().getKeyNode(), child(entry.getKey()), message));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems);
        }
        return this;
    }

    /** The key's value, when present and not empty. */
    Optional<YamlValue> value(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        return Optional.of(new YamlValue(file, child(key), entries.get(key).getValueNode()));
    }

    /** The key's value even when empty ({@code key:}), when the key is present. */
    Optional<YamlValue> rawValue(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? Optional.empty() : Optional.of(new YamlValue(file, child(key), tuple.getValueNode()));
    }

    /**
     * The key's mapping; an empty section when the key is absent (located at this section) or has an empty value
     * (located at the key).
     */
    YamlParams sectionOrEmpty(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return empty(file, child(key), location);
        }
        if (YamlValue.isNull(tuple.getValueNode())) {
            return empty(file, child(key), tuple.getKeyNode());
        }
        return new YamlValue(file, child(key), tuple.getValueNode()).mapping();
    }

    /** The key's value; {@code is required} (located at this section) when absent. */
    YamlValue requiredValue(String key) {
        return value(key).orElseThrow(() -> invalid(key, "is required"));
    }

    /** The node of the key itself, for problems about the key (a name that is wrong). */
    Optional<YamlValue> keyOf(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? Optional.empty() : Optional.of(new YamlValue(file, child(key), tuple.getKeyNode()));
    }

    @Override
    public Optional<String> string(String key) {
        return value(key).map(YamlValue::text);
    }

    @Override
    public Optional<Duration> duration(String key) {
        return value(key).map(YamlValue::duration);
    }

    @Override
    public Optional<Long> integer(String key) {
        return value(key).map(YamlValue::integer);
    }

    @Override
    public Optional<Double> number(String key) {
        return value(key).map(YamlValue::number);
    }

    @Override
    public Optional<Boolean> bool(String key) {
        return value(key).map(YamlValue::bool);
    }

    @Override
    public Optional<Double> fraction(String key) {
        return value(key).map(YamlValue::fraction);
    }

    @Override
    public Optional<Long> bytes(String key) {
        return value(key).map(YamlValue::bytes);
    }

    @Override
    public <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type) {
        return value(key).map(v -> v.enumValue(type));
    }

    @Override
    public Optional<List<String>> strings(String key) {
        return value(key).map(YamlValue::strings);
    }

    @Override
    public Optional<Params> section(String key) {
        return value(key).map(YamlValue::mapping);
    }

    /**
     * An error at {@code key}'s value (at the key when its value is empty, at this section when the key is absent):
     * {@code file:line:col path.key: message}.
     */
    @Override
    public InvalidScenarioException invalid(String key, String message) {
        if (key == null || key.isEmpty()) {
            return new InvalidScenarioException(Problem.at(file, location, path, message));
        }
        NodeTuple tuple = entries.get(key);
        Node at;
        if (tuple == null) {
            at = location;
        } else if (YamlValue.isNull(tuple.getValueNode())) {
            at = tuple.getKeyNode();
        } else {
            at = tuple.getValueNode();
        }
        return new InvalidScenarioException(Problem.at(file, at, child(key), message));
    }

    @Override
    public String toString() {
        return "YamlParams[" + file + " " + (path.isEmpty() ? "(root)" : path) + " " + entries.keySet() + "]";
    }
}
