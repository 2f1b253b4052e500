package dev.faultline.proxy.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

    /** Deepest nesting of arrays and objects in a request body; Toxiproxy's bodies need 3. */
    static final int MAX_DEPTH = 16;
    static final int MAX_STRING_LENGTH = 16 * 1024;
    static final int MAX_NUMBER_LENGTH = 64;

    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_DEPTH)
                                .maxStringLength(MAX_STRING_LENGTH)
                                .maxNameLength(MAX_STRING_LENGTH)
                                .maxNumberLength(MAX_NUMBER_LENGTH)
                                .maxDocumentLength(ApiServer.MAX_BODY_BYTES)
                                .build())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
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
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequestBody("JSON beyond this server's limits (nesting depth " + MAX_DEPTH
                    + ", strings of " + MAX_STRING_LENGTH + " characters, numbers of " + MAX_NUMBER_LENGTH + " digits)");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequestBody(e.getOriginalMessage() + where);
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

    static double float64(JsonNode object, String field, double fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw ApiException.badRequestBody(field + ": expected a number but was " + AttributeReader.describe(value));
        }
        return value.doubleValue();
    }

    /** At most {@code maxItems} strings. */
    static List<String> strings(JsonNode object, String field, List<String> fallback, int maxItems) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isArray()) {
            throw ApiException.badRequestBody(field + ": expected an array of strings but was " + AttributeReader.describe(value));
        }
        if (value.size() > maxItems) {
            throw ApiException.badRequestBody(field + ": expected at most " + maxItems + " entries but found " + value.size());
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
