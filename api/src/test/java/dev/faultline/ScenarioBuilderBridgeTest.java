package dev.faultline;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.api.Faults;
import dev.faultline.api.Objectives;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.yaml.ScenarioLoader;
import dev.faultline.injectors.Signal;

/** build() hands the loader the document as Java values: no YAML text is written or parsed on the way. */
class ScenarioBuilderBridgeTest {
    @Test
    void buildHandsTheLoaderTheDocumentAsJavaValues() {
        List<Map<String, ?>> handed = new ArrayList<>();
        ScenarioBuilder builder = new ScenarioBuilder("worker-crash", (document, source) -> {
            handed.add(document);
            return ScenarioLoader.standard().load(document, source);
        }).topology(Path.of("../scenarios/topologies/support-desk.yaml"))
                .fault("kill-worker", Faults.agentCrash(Signal.KILL).on("worker[0]").at(ofSeconds(10)))
                .objective(Objectives.recovery(ofSeconds(15)));

        Scenario scenario = builder.build();

        assertThat(handed).singleElement().satisfies(document -> {
            assertThat(document.get("scenario")).isEqualTo("worker-crash");
            assertThat(document.get("faults")).asList().singleElement()
                    .satisfies(fault -> assertThat(((Map<?, ?>) fault).get("at")).isEqualTo(ofSeconds(10)));
        });
        assertThat(scenario.faults()).singleElement().satisfies(f -> assertThat(f.at()).isEqualTo(ofSeconds(10)));
    }
}
