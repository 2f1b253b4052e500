package dev.faultline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.Problem;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * Every field the scenario loader accepts, found by asking the loader itself: a field it does not know, planted in a
 * section, makes it answer {@code unknown field; expected one of <every field it accepts there>}. Each accepted
 * field is then tried as a section (a mapping, then a list of mappings) in the same way, so nested sections are
 * found without being listed here. Fault types and objectives come from the loader's plugins, so a new one is
 * covered without a change here.
 *
 * <p>Each field is reported under a <i>root</i>: the scenario file, the topology, a service, a fault type's
 * {@code with}, an objective; with its path below that root ({@code [steady-state, probes[], expect, within]}).
 */
final class AcceptedFields {
    static final String PLANTED = "zz-undocumented";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Path.of("accepted-fields.yaml");

    /**
     * Where fields are read from.
     *
     * @param id     the reference's section for the root's own fields ({@code scenario file}, {@code network})
     * @param prefix how the reference names the root's nested sections ({@code ""}, {@code network.})
     */
    record Root(String id, String prefix) {
    }

    /** One accepted field: its root and its path below it ({@code probes[]} for the items of a list). */
    record Field(Root root, List<String> path) {
        @Override
        public String toString() {
            return root.id() + ": " + String.join(".", path);
        }
    }

    private final ScenarioLoader loader;

    AcceptedFields(ScenarioLoader loader) {
        this.loader = loader;
    }

    /** Every field of every root. */
    List<Field> all() {
        List<Field> fields = new ArrayList<>();
        Map<String, Object> base = base();
        discover(new Root("scenario file", ""), base, List.of(), List.of(), Set.of("topology", "objectives"), fields);
        discover(new Root("topology file", ""), base, List.of("topology"), List.of(), Set.of("services"), fields);
        discover(new Root("services.<name>", "services.<name>."), base, List.of("topology", "services", "worker"),
                List.of(), Set.of(), fields);
        for (String type : faultTypes()) {
            discover(new Root(type, type + "."), withFault(base, type), List.of("faults", 0, "with"), List.of(),
                    Set.of(), fields);
        }
        for (String key : loader.plugins().objectiveKeys()) {
            Map<String, Object> withObjective = copy(base);
            withObjective.put("objectives", new LinkedHashMap<>(Map.of(key, new LinkedHashMap<>())));
            discover(new Root(key, key + "."), withObjective, List.of("objectives", key), List.of(), Set.of(), fields);
        }
        return fields;
    }

    List<String> faultTypes() {
        return List.copyOf(loader.plugins().faultTypeNames());
    }

    List<String> objectiveKeys() {
        return List.copyOf(loader.plugins().objectiveKeys());
    }

    private void discover(Root root, Map<String, Object> base, List<Object> at, List<String> path, Set<String> skip,
                          List<Field> out) {
        List<String> keys = acceptedAt(base, at).orElseThrow(() -> new IllegalStateException(
                "the loader named no accepted fields at " + render(at) + " (" + root + ")"));
        for (String key : keys) {
            List<String> fieldPath = append(path, key);
            out.add(new Field(root, fieldPath));
            if (path.isEmpty() && skip.contains(key)) {
                continue;
            }
            List<Object> asMapping = append(at, key);
            List<Object> asList = append(asMapping, 0);
            if (acceptedAt(base, asMapping).isPresent()) {
                discover(root, base, asMapping, fieldPath, Set.of(), out);
            } else if (acceptedAt(base, asList).isPresent()) {
                discover(root, base, asList, append(path, key + "[]"), Set.of(), out);
            }
        }
    }

    /** The fields the loader accepts in the section at {@code at}, or empty when it is not a section of fields. */
    Optional<List<String>> acceptedAt(Map<String, Object> base, List<Object> at) {
        Map<String, Object> document = copy(base);
        section(document, at).put(PLANTED, 1);
        String planted = at.isEmpty() ? PLANTED : render(at) + "." + PLANTED;
        for (Problem problem : problems(document)) {
            if (problem.path().equals(planted) && problem.message().startsWith("unknown field")) {
                return Optional.of(listed(problem.message()));
            }
        }
        return Optional.empty();
    }

    private List<Problem> problems(Map<String, Object> document) {
        try {
            loader.load(JSON.writeValueAsString(document), SOURCE);
            return List.of();
        } catch (InvalidScenarioException e) {
            return e.problems();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code unknown field; did you mean 'x'? Expected one of a, b} or {@code ...; no fields are allowed here}. */
    private static List<String> listed(String message) {
        int at = message.toLowerCase(java.util.Locale.ROOT).indexOf("expected one of ");
        if (at < 0) {
            if (message.contains("no fields are allowed here")) {
                return List.of();
            }
            throw new IllegalStateException("cannot read the accepted fields from: " + message);
        }
        return List.of(message.substring(at + "expected one of ".length()).split(", "));
    }

    /**
     * A scenario that reaches every section: an inline topology with a link, a replicated service and a state
     * endpoint, and no faults or objectives (each is added on its own).
     */
    private static Map<String, Object> base() {
        String json = """
                {"scenario": "accepted-fields",
                 "topology": {
                   "services": {
                     "rabbitmq": {"image": "faultline/rabbitmq", "role": "broker", "ports": [5672]},
                     "worker": {"image": "faultline/agent", "replicas": 2, "ports": [8080]}},
                   "links": [{"from": "worker", "to": "rabbitmq", "port": 5672}]}}
                """;
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code base} with one fault of {@code type}, on a link, with a duration when the type needs one. */
    private Map<String, Object> withFault(Map<String, Object> base, String type) {
        FaultType faultType = loader.plugins().faultType(type).orElseThrow();
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("name", "fault");
        fault.put("type", type);
        fault.put("target", "worker->rabbitmq");
        fault.put("at", "1s");
        if (faultType.durationRule() == FaultType.DurationRule.REQUIRED) {
            fault.put("duration", "5s");
        }
        Map<String, Object> document = copy(base);
        document.put("faults", new ArrayList<>(List.of(fault)));
        return document;
    }

    /** The mapping at {@code at} ({@code 0}: a list's first item), made where it is missing or not a mapping. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> document, List<Object> at) {
        Object current = document;
        for (int i = 0; i < at.size(); i++) {
            if (at.get(i) instanceof String key) {
                Map<String, Object> mapping = (Map<String, Object>) current;
                Object next = mapping.get(key);
                boolean list = i + 1 < at.size() && at.get(i + 1) instanceof Integer;
                if (list && !(next instanceof List<?> items && !items.isEmpty() && items.get(0) instanceof Map)) {
                    next = new ArrayList<>(List.of(new LinkedHashMap<String, Object>()));
                    mapping.put(key, next);
                } else if (!list && !(next instanceof Map)) {
                    next = new LinkedHashMap<String, Object>();
                    mapping.put(key, next);
                }
                current = next;
            } else {
                current = ((List<Object>) current).get(0);
            }
        }
        return (Map<String, Object>) current;
    }

    /** {@code faults[0].with}. */
    private static String render(List<Object> at) {
        StringBuilder path = new StringBuilder();
        for (Object element : at) {
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(element);
            }
        }
        return path.toString();
    }

    private static <T> List<T> append(List<? extends T> list, T element) {
        List<T> longer = new ArrayList<>(list);
        longer.add(element);
        return longer;
    }

    private static Map<String, Object> copy(Map<String, Object> document) {
        return JSON.convertValue(document, new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
