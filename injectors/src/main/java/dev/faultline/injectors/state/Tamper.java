package dev.faultline.injectors.state;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.faultline.engine.spi.StoreAdapter.Format;

/**
 * How a checkpoint's value is changed so that it is still readable as what it was but different: the kind of damage an
 * agent must recognise (by a checksum) rather than parse its way out of.
 * <ul>
 *   <li>JSON: every number {@code n} becomes {@code n * 1000 + 7} (integers stay integers); with no number in it,
 *       every string's letters and digits are changed as text's are. Still valid JSON.</li>
 *   <li>text: every ASCII letter is rotated by 13 and every digit {@code d} becomes {@code (d + 5) mod 10}; text with
 *       neither gets {@code ~} appended.</li>
 *   <li>bytes: one bit of every byte is flipped, the bit drawn from {@code seed}; no bytes become one drawn byte.</li>
 * </ul>
 * The result always differs from the original.
 */
final class Tamper {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
    private static final BigInteger SEVEN = BigInteger.valueOf(7);

    private Tamper() {
    }

    /** {@code value} changed as its format is changed (above). */
    static byte[] tampered(Format format, byte[] value, long seed) {
        return switch (format) {
            case JSON -> json(new String(value, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            case TEXT -> text(new String(value, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            case BYTES -> bytes(value, seed);
        };
    }

    static String json(String value) {
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the checkpoint is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null) {
            throw new IllegalStateException("the checkpoint holds no JSON value");
        }
        JsonNode changed = map(tree, Tamper::number);
        if (changed.equals(tree)) {
            changed = map(tree, node -> node.isTextual() ? JsonNodeFactory.instance.textNode(text(node.asText()))
                    : node);
        }
        if (changed.equals(tree)) {
            throw new IllegalStateException("the checkpoint's JSON has no number or string to change: "
                    + (value.length() <= 40 ? value : value.substring(0, 40) + "..."));
        }
        try {
            return JSON.writeValueAsString(changed);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return JsonNodeFactory.instance.numberNode(node.bigIntegerValue().multiply(THOUSAND).add(SEVEN));
        }
        if (node.isNumber()) {
            return JsonNodeFactory.instance.numberNode(node.decimalValue().multiply(BigDecimal.valueOf(1000))
                    .add(BigDecimal.valueOf(7)));
        }
        return node;
    }

    /** A copy of {@code node} with {@code leaf} applied to every value that is neither an object nor an array. */
    private static JsonNode map(JsonNode node, UnaryOperator<JsonNode> leaf) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), map(field.getValue(), leaf));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(map(element, leaf)));
            return copy;
        }
        return leaf.apply(node);
    }

    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) ('A' + (c - 'A' + 13) % 26));
            } else if (c >= '0' && c <= '9') {
                out.append((char) ('0' + (c - '0' + 5) % 10));
            } else {
                out.append(c);
            }
        }
        return out.toString().equals(value) ? value + "~" : out.toString();
    }

    static byte[] bytes(byte[] value, long seed) {
        Random random = new Random(seed);
        if (value.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        byte[] out = Arrays.copyOf(value, value.length);
        for (int i = 0; i < out.length; i++) {
            out[i] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }
}
