package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The result fields docs/scenario-format.md lists (section {@code result.json}) are exactly the fields
 * docs/result.schema.json defines, nested ones included: a field added to, renamed in or removed from either one
 * fails here until the other follows.
 */
class ResultFieldsAreDocumentedTest {
    static final String SECTION = "result.json";

    @Test
    void theReferenceListsExactlyTheFieldsOfTheResultSchema() {
        FormatReference reference = FormatReference.standard();

        assertThat(reference.fields(SECTION)).as("result fields listed in %s, against %s", FormatReference.FILE,
                ResultSchema.FILE).containsExactlyInAnyOrderElementsOf(ResultSchema.standard().fieldPaths());
    }

    @Test
    void theSchemasFieldPathsReachNestedObjectsListsAndMaps() {
        assertThat(ResultSchema.standard().fieldPaths()).contains("verdict", "integrity.lossWindow.fromMs",
                "containment.cascadeOrder[].service", "faults[].probes.*.recoveryMs", "load.duringFaults.p99Ms");
    }
}
