package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.faultline.cli.schema.FormatSchemas;
import dev.faultline.cli.schema.FormatSchemas.Kind;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * The JSON Schemas name exactly the fields the loader accepts, section by section: every field the loader accepts
 * (asked of the loader itself, see {@link AcceptedFields}) is a property of the schema in the same place, and the
 * schema has no property the loader would reject as unknown. Fault types and objectives are compared as well.
 */
class SchemasAgreeWithTheLoaderTest {
    private final AcceptedFields accepted = new AcceptedFields(ScenarioLoader.standard());
    private final List<AcceptedFields.Field> fields = accepted.all();
    private final FormatSchemas scenario = FormatSchemas.of(Kind.SCENARIO);
    private final FormatSchemas topology = FormatSchemas.of(Kind.TOPOLOGY);

    @Test
    void theScenarioSchemaHasTheScenarioFilesFields() {
        assertThat(scenario.fieldPaths("", Set.of("topology", "objectives")))
                .containsExactlyInAnyOrderElementsOf(loaderFields("scenario file"));
    }

    @Test
    void bothSchemasHaveTheTopologysFields() {
        Set<String> loader = loaderFields("topology file");

        assertThat(topology.fieldPaths("", Set.of("services"))).containsExactlyInAnyOrderElementsOf(loader);
        assertThat(scenario.fieldPaths("/definitions/inline-topology", Set.of("services")))
                .containsExactlyInAnyOrderElementsOf(loader);
    }

    @Test
    void bothSchemasHaveAServicesFields() {
        Set<String> loader = loaderFields("services.<name>");

        assertThat(topology.fieldPaths("/definitions/service", Set.of())).containsExactlyInAnyOrderElementsOf(loader);
        assertThat(scenario.fieldPaths("/definitions/service", Set.of())).containsExactlyInAnyOrderElementsOf(loader);
    }

    @Test
    void theScenarioSchemaHasEveryFaultTypeWithItsFields() {
        JsonNode typeEnum = scenario.root().at("/definitions/fault/properties/type/enum");
        List<String> schemaTypes = new java.util.ArrayList<>();
        typeEnum.forEach(t -> schemaTypes.add(t.asText()));

        assertThat(schemaTypes).containsExactlyInAnyOrderElementsOf(accepted.faultTypes());
        for (String type : accepted.faultTypes()) {
            assertThat(scenario.fieldPaths("/definitions/with-" + type, Set.of())).as("with of %s", type)
                    .containsExactlyInAnyOrderElementsOf(loaderFields(type));
        }
    }

    @Test
    void theScenarioSchemaHasEveryObjectiveWithItsFields() {
        Set<String> schemaKeys = new TreeSet<>();
        scenario.root().at("/properties/objectives/properties").fieldNames().forEachRemaining(schemaKeys::add);

        assertThat(schemaKeys).containsExactlyInAnyOrderElementsOf(accepted.objectiveKeys());
        for (String key : accepted.objectiveKeys()) {
            assertThat(scenario.fieldPaths("/properties/objectives/properties/" + key, Set.of())).as("objective %s", key)
                    .containsExactlyInAnyOrderElementsOf(loaderFields(key));
        }
    }

    @Test
    void aFieldTheSchemaLacksIsFound() {
        Set<String> withoutOne = scenario.fieldPaths("/definitions/with-network", Set.of("slicer"));

        assertThat(withoutOne).isNotEqualTo(loaderFields("network"));
    }

    private Set<String> loaderFields(String root) {
        Set<String> paths = new TreeSet<>();
        fields.stream().filter(f -> f.root().id().equals(root)).forEach(f -> paths.add(String.join(".", f.path())));
        if (paths.isEmpty() && !root.equals("agent-hang")) {
            throw new IllegalStateException("the loader named no fields under " + root);
        }
        return paths;
    }
}
