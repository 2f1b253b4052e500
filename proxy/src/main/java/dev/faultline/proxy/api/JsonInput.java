package dev.faultline.proxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.proxy.toxics.AttributeReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies with Go's decoding rules as Toxiproxy sees them: an absent or {@code null}
 * field keeps its default, unknown fields are ignored, a wrong type is {@code 400 bad request body}
 * naming the field, the expected type and what was found.
 */
final class JsonInput {
    private JsonInput() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    static JsonNode parse(byte[] body) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw ApiException.badRequestBody("EOF");
        }
        try {
            JsonNode node = Holder.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequestBody("EOF");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequestBody(e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw ApiException.badRequestBody(e.getMessage());
        }
    }

    static ObjectNode object(JsonNode node, String what) {
        if (!node.isObject()) {
            throw ApiException.badRequestBody("expected " + what + " as a JSON object but was " + AttributeReader.describe(node));
        }
        return (ObjectNode) node;
    }

    static String string(JsonNode object, String field, String fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequestBody(field + ": expected a string but was " + AttributeReader.describe(value));
        }
        return value.textValue();
    }

    static boolean bool(JsonNode object, String field, boolean fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequestBody(field + ": expected true or false but was " + AttributeReader.describe(value));
        }
        return value.booleanValue();
    }

    static float float32(JsonNode object, String field, float fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw ApiException.badRequestBody(field + ": expected a number but was " + AttributeReader.describe(value));
        }
        return value.floatValue();
    }

    static List<String> strings(JsonNode object, String field, List<String> fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isArray()) {
            throw ApiException.badRequestBody(field + ": expected an array of strings but was " + AttributeReader.describe(value));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw ApiException.badRequestBody(field + "[" + i + "]: expected a string but was " + AttributeReader.describe(item));
            }
            result.add(item.textValue());
        }
        return result;
    }

    /** {@code base} with the fields of {@code overrides} put over it (a PATCH of toxic attributes). */
    static ObjectNode merge(byte[] base, JsonNode overrides) {
        ObjectNode merged = (ObjectNode) parse(base);
        if (overrides != null && !overrides.isNull()) {
            object(overrides, "attributes").properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
        }
        return merged;
    }
}
