package dev.faultline.engine.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.faultline.engine.model.Rate;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Units;

/**
 * One YAML value with its file and field path. Every conversion checks the value and throws an
 * {@link InvalidScenarioException} located at the value, saying what was expected and what was found.
 */
final class YamlValue {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    /** The longest duration a scenario may give anything: a day, a soak's length. */
    static final Duration MAX_DURATION = Duration.ofHours(24);
    /** The largest size a scenario may give anything: 1 TiB. */
    static final long MAX_BYTES = 1024L * 1024 * 1024 * 1024;
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final String file;
    private final String path;
    private final Node node;

    YamlValue(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    String file() {
        return file;
    }

    String path() {
        return path;
    }

    Node node() {
        return node;
    }

    boolean isNull() {
        return isNull(node);
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
    }

    InvalidScenarioException invalid(String message) {
        return new InvalidScenarioException(Problem.at(file, node, path, message));
    }

    /** {@code expected <what> but was <found>}. */
    InvalidScenarioException expected(String what) {
        return invalid("expected " + what + " but was " + Hints.describe(node));
    }

    /** The text of a scalar (numbers and booleans as written). */
    String text() {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw expected("a string");
    }

    long integer() {
        String text = scalarText("an integer");
        if (text.length() > 20 || !INTEGER.matcher(text).matches()) {
            throw expected("an integer");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw expected("an integer");
        }
    }

    /** An integer in {@code [min, max]}. */
    int integer(int min, int max, String what) {
        long value = integer();
        if (value < min || value > max) {
            throw expected(what);
        }
        return (int) value;
    }

    int port() {
        return integer(1, 65535, "a port between 1 and 65535");
    }

    double number() {
        String text = scalarText("a number");
        if (text.length() > 40 || !NUMBER.matcher(text).matches()) {
            throw expected("a number");
        }
        double n = Double.parseDouble(text);
        if (Double.isInfinite(n)) {
            throw expected("a number");
        }
        return n;
    }

    boolean bool() {
        String text = scalarText("true or false").toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw expected("true or false");
        };
    }

    /** A duration from 0 to {@link #MAX_DURATION} (24h). */
    Duration duration() {
        Duration d = parse(Units::duration, "a duration like 250ms, 10s or 2m");
        if (d.compareTo(MAX_DURATION) > 0) {
            throw expected("a duration of at most 24h");
        }
        return d;
    }

    /** A duration in {@code [min, max]} where {@code max} may exceed 24h (a drill's {@code min-interval}). */
    Duration longDuration(Duration min, Duration max, String what) {
        Duration d = parse(Units::duration, what);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw expected(what);
        }
        return d;
    }

    /** A duration in {@code [min, max]}, {@code what} saying so: {@code "a duration from 10ms to 1m"}. */
    Duration duration(Duration min, Duration max, String what) {
        Duration d = duration();
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw expected(what);
        }
        return d;
    }

    /** A duration greater than zero. */
    Duration positiveDuration() {
        Duration d = duration();
        if (d.isZero()) {
            throw expected("a duration greater than 0 (e.g. 10s)");
        }
        return d;
    }

    /** A size from 0 to {@link #MAX_BYTES} (1024g). */
    long bytes() {
        long bytes = parse(Units::bytes, "a size like 512KB, 1MB or 512m");
        if (bytes > MAX_BYTES) {
            throw expected("a size of at most 1024g");
        }
        return bytes;
    }

    double fraction() {
        return parse(Units::fraction, "a percentage like 5%");
    }

    Rate rate() {
        return parse(Rate::parse, "a rate like 20/s or 600/m");
    }

    Target target() {
        return parse(Target::parse, "a service name, optionally with [index], [random] or [N%] (e.g. worker[0])");
    }

    /** A service target or a link {@code from->to} (the client end may carry a selector). */
    Target faultTarget() {
        return parse(Target::parse, "a service (e.g. worker[0]) or a link between two services (e.g. worker->rabbitmq)");
    }

    /** Case-insensitive, {@code -} and {@code _} alike: {@code expected one of kill, term but was 'HUP'}. */
    <E extends Enum<E>> E enumValue(Class<E> type) {
        String text = scalarText("one of " + enumNames(type));
        String wanted = text.trim().replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw expected("one of " + enumNames(type));
    }

    /** The constants as a user writes them: {@code on-failure}. */
    static String enumNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(YamlValue::yamlName).collect(Collectors.joining(", "));
    }

    static String yamlName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The items of a list. */
    List<YamlValue> items() {
        if (!(node instanceof SequenceNode sequence)) {
            throw expected("a list");
        }
        List<YamlValue> items = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            items.add(new YamlValue(file, path + "[" + i + "]", nodes.get(i)));
        }
        return items;
    }

    /** A list of strings; every item is checked (the first wrong one is reported). */
    List<String> strings() {
        List<String> strings = new ArrayList<>();
        for (YamlValue item : items()) {
            if (item.isNull() || !item.isScalar()) {
                throw item.expected("a string");
            }
            strings.add(item.text());
        }
        return List.copyOf(strings);
    }

    /** This value as a section; a null value is an empty section located here. */
    YamlParams mapping() {
        if (isNull()) {
            return YamlParams.empty(file, path, node);
        }
        if (!(node instanceof MappingNode mapping)) {
            throw expected("a mapping");
        }
        return YamlParams.of(file, path, mapping);
    }

    private String scalarText(String what) {
        if (node instanceof ScalarNode scalar && !isNull()) {
            return scalar.getValue();
        }
        throw expected(what);
    }

    private <T> T parse(java.util.function.Function<String, T> parser, String what) {
        String text = scalarText(what);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }
}
