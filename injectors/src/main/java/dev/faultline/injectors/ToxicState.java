package dev.faultline.injectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A toxic as the proxy reports it.
 *
 * @param clients the hosts it is scoped to; empty when it acts on every connection
 */
record ToxicState(String name, String type, String stream, double toxicity, JsonNode attributes,
                  List<String> clients) {
    /** Relative: the proxy may hold a toxicity as a float32, as Toxiproxy does. */
    private static final double TOLERANCE = 1e-6;

    ToxicState {
        clients = List.copyOf(clients);
    }

    static ToxicState of(JsonNode json) {
        List<String> clients = new ArrayList<>();
        JsonNode scope = json.path("clients");
        if (scope.isArray()) {
            scope.forEach(c -> clients.add(c.asText()));
        }
        JsonNode attributes = json.path("attributes");
        return new ToxicState(json.path("name").asText(), json.path("type").asText(), json.path("stream").asText(),
                json.path("toxicity").asDouble(1.0),
                attributes.isObject() ? attributes : JsonNodeFactory.instance.objectNode(), clients);
    }

    /** What differs from {@code expected} scoped to {@code expectedClients}; empty when it is the same toxic. */
    Optional<String> difference(Toxic expected, List<String> expectedClients) {
        List<String> differences = new ArrayList<>();
        if (!type.equals(expected.type())) {
            differences.add("type " + type + " (expected " + expected.type() + ")");
        }
        if (!stream.equals(expected.stream().yamlName())) {
            differences.add("stream " + stream + " (expected " + expected.stream().yamlName() + ")");
        }
        if (!close(toxicity, expected.toxicity())) {
            differences.add("toxicity " + toxicity + " (expected " + expected.toxicity() + ")");
        }
        for (Map.Entry<String, Number> a : expected.attributes().entrySet()) {
            JsonNode actual = attributes.get(a.getKey());
            if (actual == null || !actual.isNumber() || !same(actual, a.getValue())) {
                differences.add(a.getKey() + "=" + (actual == null ? "(none)" : actual.toString()) + " (expected "
                        + a.getValue() + ")");
            }
        }
        if (!Set.copyOf(clients).equals(Set.copyOf(expectedClients))) {
            differences.add("clients " + (clients.isEmpty() ? "(every client)" : clients) + " (expected "
                    + (expectedClients.isEmpty() ? "every client" : expectedClients) + ")");
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", differences));
    }

    private static boolean same(JsonNode actual, Number expected) {
        if (expected instanceof Double || expected instanceof Float) {
            return close(actual.doubleValue(), expected.doubleValue());
        }
        return actual.canConvertToLong() && actual.isIntegralNumber() && actual.longValue() == expected.longValue();
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;
    }
}
