package dev.faultline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.faultline.engine.model.Durations;

/**
 * Java values written as the scenario format writes them: durations as {@code 250ms}, {@code 10s}, {@code 2m},
 * enums by name, paths as text, maps and lists element by element; and a document of such values as YAML text.
 */
final class YamlText {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private YamlText() {
    }

    /** {@code value} with every duration, enum and path in it written as the scenario format writes it. */
    static Object plain(Object value) {
        if (value instanceof Duration d) {
            return Durations.text(d);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Path p) {
            return p.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(item -> out.add(plain(item)));
            return out;
        }
        if (value instanceof Object[] items) {
            return plain(List.of(items));
        }
        return value;
    }

    /** The document as YAML text. */
    static String write(Map<String, Object> document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the scenario as YAML: " + e.getOriginalMessage(), e);
        }
    }
}
