package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;
import dev.faultline.engine.yaml.Plugins;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * docs/scenario-format.md lists every field the loader accepts, in the section for its place in the file: the
 * fields are not listed by hand here but asked of the loader (see {@link AcceptedFields}), so a field added to a
 * reader or a plugin fails this test until it is documented.
 */
class AcceptedFieldsAreDocumentedTest {
    private final FormatReference reference = FormatReference.standard();

    @Test
    void everyFieldTheLoaderAcceptsIsListedInItsSectionOfTheReference() {
        List<AcceptedFields.Field> fields = new AcceptedFields(ScenarioLoader.standard()).all();

        List<String> undocumented = fields.stream().filter(f -> !reference.documents(f))
                .map(f -> f + " (expected as " + reference.expectedListing(f) + ")").toList();

        assertThat(undocumented).as("fields the loader accepts that %s does not list", FormatReference.FILE)
                .isEmpty();
    }

    @Test
    void everyFaultTypeAndObjectiveHasASectionOfItsOwn() {
        AcceptedFields accepted = new AcceptedFields(ScenarioLoader.standard());

        assertThat(accepted.faultTypes()).allSatisfy(type -> assertThat(reference.hasSection(type))
                .as("a section `%s` in %s", type, FormatReference.FILE).isTrue());
        assertThat(accepted.objectiveKeys()).allSatisfy(key -> assertThat(reference.hasSection(key))
                .as("a section `%s` in %s", key, FormatReference.FILE).isTrue());
    }

    @Test
    void aFieldOfANewPluginIsFoundAndReportedAsUndocumented() {
        Plugins plugins = Plugins.discover().withFaultType(new UndocumentedFaultType());

        List<AcceptedFields.Field> fields = new AcceptedFields(ScenarioLoader.withPlugins(plugins)).all().stream()
                .filter(f -> f.root().id().equals(UndocumentedFaultType.TYPE)).toList();

        assertThat(fields).extracting(f -> String.join(".", f.path()))
                .containsExactly("knob", "dial", "dial.depth");
        assertThat(fields).noneMatch(reference::documents);
    }

    @Test
    void theLoadersOwnFieldsAreFoundAtEveryDepth() {
        List<String> found = new AcceptedFields(ScenarioLoader.standard()).all().stream().map(Object::toString)
                .toList();

        assertThat(found).contains("scenario file: steady-state.probes[].expect.within", "topology file: links[].port",
                "services.<name>: restart.delay", "network: slicer.average-size", "slo: during-faults.throughput");
    }

    /** A plugin nobody documented: {@code with: {knob, dial: {depth}}}. Never builds a fault. */
    private static final class UndocumentedFaultType implements FaultType {
        static final String TYPE = "undocumented-fault";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public DurationRule durationRule() {
            return DurationRule.OPTIONAL;
        }

        @Override
        public Fault configure(Params with, Duration duration) {
            with.allowOnly("knob", "dial");
            with.section("dial").ifPresent(dial -> dial.allowOnly("depth"));
            throw with.invalid(null, "this test's fault type builds no fault");
        }
    }
}
