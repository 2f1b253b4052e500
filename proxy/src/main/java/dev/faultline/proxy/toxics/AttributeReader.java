package dev.faultline.proxy.toxics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.proxy.api.ApiException;

/**
 * Reads a toxic's {@code attributes} object the way Toxiproxy's Go decoder does: a missing or
 * {@code null} field keeps its zero value, unknown fields are ignored, a value of the wrong type is a
 * {@code 400 bad request body} naming the field, what it expected and what it found.
 */
public final class AttributeReader {
    private final JsonNode attributes;

    private AttributeReader(JsonNode attributes) {
        this.attributes = attributes;
    }

    /**
     * @param attributes the {@code attributes} value of a request; {@code null} or JSON {@code null} reads as {}
     */
    public static AttributeReader of(JsonNode attributes) {
        if (attributes != null && !attributes.isNull() && !attributes.isObject()) {
            throw ApiException.badRequestBody("attributes: expected a JSON object but was " + describe(attributes));
        }
        return new AttributeReader(attributes);
    }

    /** An integer field (Go int64); 0 when absent. */
    public long int64(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return 0;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        throw ApiException.badRequestBody("attributes." + field + ": expected an integer but was " + describe(value));
    }

    /** An integer field within {@code 0..max}; 0 when absent. */
    public long boundedInt64(String field, String unit, long max) {
        long value = int64(field);
        if (value < 0 || value > max) {
            throw ApiException.badRequestBody("attributes." + field + ": expected a number of " + unit + " within 0.." + max
                    + " but was " + value);
        }
        return value;
    }

    /** A floating-point field (Go float64); 0 when absent. */
    public double float64(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return 0;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        throw ApiException.badRequestBody("attributes." + field + ": expected a number but was " + describe(value));
    }

    private JsonNode value(String field) {
        if (attributes == null || attributes.isNull()) {
            return null;
        }
        JsonNode value = attributes.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** A short description of a JSON value for error messages: its type and, when small, its text. */
    public static String describe(JsonNode value) {
        String text = value.toString();
        String kind = value.isTextual() ? "string" : value.isArray() ? "array" : value.isObject() ? "object"
                : value.isBoolean() ? "boolean" : value.isNumber() ? "number" : "null";
        return text.length() <= 40 ? kind + " " + text : kind;
    }
}
