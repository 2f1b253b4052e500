package dev.faultline.engine.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.faultline.engine.model.Durations;

/**
 * A document given as Java values turned straight into the SnakeYAML nodes the readers check, with no YAML text
 * written or parsed: a {@link Map} becomes a mapping (keys as text), a {@link Collection} or array a list, and a
 * scalar holds what the scenario format writes for the value: a {@link Duration} as {@code 250ms}, {@code 10s},
 * {@code 2m}, an enum by name, a {@link Path} as text, numbers and booleans as written, {@code null} as nothing.
 * Nodes carry no position, so problems name the field path only. Any other value, and nesting deeper than a file
 * may nest, is recorded as a problem at its field path.
 */
final class JavaDocuments {
    private JavaDocuments() {
    }

    /** The root mapping of {@code document}, reported under {@code name}. */
    static YamlParams root(String name, Map<String, ?> document, Problems problems) {
        return YamlParams.of(name, "", mapping(name, document, "", 1, problems));
    }

    private static Node node(String file, Object value, String path, int depth, Problems problems) {
        if (value == null) {
            return scalar(Tag.NULL, "");
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
            if (depth > YamlDocuments.MAX_NESTING) {
                problems.add(Problem.at(file, (Mark) null, path,
                        "nested too deeply: at most " + YamlDocuments.MAX_NESTING + " levels of mappings and lists"));
                return scalar(Tag.NULL, "");
            }
            if (value instanceof Map<?, ?> map) {
                return mapping(file, map, path, depth + 1, problems);
            }
            Collection<?> items = value instanceof Object[] array ? List.of(array) : (Collection<?>) value;
            List<Node> nodes = new ArrayList<>();
            int i = 0;
            for (Object item : items) {
                nodes.add(node(file, item, path + "[" + i++ + "]", depth + 1, problems));
            }
            return new SequenceNode(Tag.SEQ, nodes, DumperOptions.FlowStyle.BLOCK);
        }
        if (value instanceof CharSequence text) {
            return scalar(Tag.STR, text.toString());
        }
        if (value instanceof Duration duration) {
            return scalar(Tag.STR, Durations.text(duration));
        }
        if (value instanceof Enum<?> constant) {
            return scalar(Tag.STR, constant.name());
        }
        if (value instanceof Path p) {
            return scalar(Tag.STR, p.toString());
        }
        if (value instanceof Boolean b) {
            return scalar(Tag.BOOL, b.toString());
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return scalar(Tag.INT, value.toString());
        }
        if (value instanceof BigDecimal decimal) {
            return scalar(Tag.FLOAT, decimal.toPlainString());
        }
        if (value instanceof Double || value instanceof Float) {
            return scalar(Tag.FLOAT, value.toString());
        }
        problems.add(Problem.at(file, (Mark) null, path, "expected a plain value (text, a"
                + " number, true or false, a duration, an enum, a list or a mapping) but was a "
                + value.getClass().getName()));
        return scalar(Tag.NULL, "");
    }

    private static MappingNode mapping(String file, Map<?, ?> map, String path, int depth, Problems problems) {
        List<NodeTuple> tuples = new ArrayList<>();
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            String childPath = path.isEmpty() ? name : path + "." + name;
            tuples.add(new NodeTuple(scalar(Tag.STR, name), node(file, value, childPath, depth, problems)));
        });
        return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
    }

    private static ScalarNode scalar(Tag tag, String value) {
        return new ScalarNode(tag, value, null, null, DumperOptions.ScalarStyle.PLAIN);
    }
}
