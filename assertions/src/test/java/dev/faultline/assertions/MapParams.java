package dev.faultline.assertions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.faultline.engine.model.Units;
import dev.faultline.engine.spi.Params;

/** {@link Params} over a map, for testing objective types; problems throw {@link IllegalArgumentException}. */
final class MapParams implements Params {
    private final String path;
    private final Map<String, Object> values;

    private MapParams(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    /** {@code of("objectives.recovery", "within", "15s", "stable-for", "2s")}. */
    static MapParams of(String path, Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapParams(path, values);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    @Override
    public Params allowOnly(String... keys) {
        List<String> allowed = List.of(keys);
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw invalid(key, "unknown field; expected one of " + String.join(", ", allowed));
            }
        }
        return this;
    }

    @Override
    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key)).map(String::valueOf);
    }

    @Override
    public Optional<Duration> duration(String key) {
        return string(key).map(v -> parse(key, () -> Units.duration(v)));
    }

    @Override
    public Optional<Long> integer(String key) {
        return string(key).map(v -> parse(key, () -> Long.parseLong(v)));
    }

    @Override
    public Optional<Double> number(String key) {
        return string(key).map(v -> parse(key, () -> Double.parseDouble(v)));
    }

    @Override
    public Optional<Boolean> bool(String key) {
        return string(key).map(Boolean::parseBoolean);
    }

    @Override
    public Optional<Double> fraction(String key) {
        return string(key).map(v -> parse(key, () -> Units.fraction(v)));
    }

    @Override
    public Optional<Long> bytes(String key) {
        return string(key).map(v -> parse(key, () -> Units.bytes(v)));
    }

    @Override
    public <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type) {
        return string(key).map(v -> Enum.valueOf(type, v.toUpperCase().replace('-', '_')));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<List<String>> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof List<?>)) {
            throw invalid(key, "expected a list, but was '" + v + "'");
        }
        return Optional.of(((List<Object>) v).stream().map(String::valueOf).toList());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Params> section(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw invalid(key, "expected a mapping, but was '" + v + "'");
        }
        return Optional.of(new MapParams(path + "." + key, new LinkedHashMap<>((Map<String, Object>) v)));
    }

    @Override
    public RuntimeException invalid(String key, String message) {
        return new IllegalArgumentException(path + "." + key + ": " + message);
    }

    private <T> T parse(String key, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }
}
