package dev.faultline.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.model.Scenario;

/** A scenario given as Java values is checked by the readers a file goes through, with the same messages. */
class JavaDocumentTest {
    private static final Path SOURCE = Path.of("Faultline.scenario(base)");

    @TempDir
    Path dir;

    private final ScenarioLoader loader = TestPlugins.loader();
    private Path scenarioFile;
    private Path topology;

    @BeforeEach
    void files() {
        YamlFixture fixture = new YamlFixture(dir);
        topology = fixture.write("topologies/tiny.yaml", YamlFixture.TOPOLOGY);
        scenarioFile = fixture.scenario("scenario.yaml", YamlFixture.SCENARIO);
    }

    /** {@link YamlFixture#SCENARIO} as Java values: durations, enums and numbers as Java types. */
    private Map<String, Object> base() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scenario", "base");
        doc.put("description", "every section once");
        doc.put("topology", topology.toAbsolutePath());
        doc.put("seed", 1);
        doc.put("steady-state", Map.of("sample-every", Duration.ofMillis(100), "probes", List.of(Map.of(
                "name", "ready",
                "http", Map.of("service", "worker", "port", 8080, "path", "/ready"),
                "expect", Map.of("status", 200, "within", Duration.ofMillis(500))))));
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("driver", "ledger");
        load.put("rate", "20/s");
        load.put("duration", Duration.ofSeconds(40));
        load.put("submit", Map.of("service", "worker", "port", 8080, "path", "/tasks"));
        load.put("results", Map.of("service", "worker", "port", 8080, "path", "/results"));
        load.put("drain", Duration.ofSeconds(30));
        doc.put("load", load);
        List<Object> faults = new ArrayList<>();
        faults.add(fault("kill-worker", "test-crash", "worker[0]", 10, null, Map.of("signal", TestPlugins.Signal.KILL)));
        faults.add(fault("broker-away", "test-outage", "broker", 20, Duration.ofSeconds(15), Map.of("mode", "stop")));
        doc.put("faults", faults);
        doc.put("objectives", Map.of("recovery", Map.of("within", Duration.ofSeconds(15),
                "stable-for", Duration.ofSeconds(3))));
        doc.put("halt-when", List.of(Map.of("probe", "ready", "failing-for", Duration.ofSeconds(30))));
        return doc;
    }

    private static Map<String, Object> fault(String name, String type, String target, int at, Duration duration,
                                             Map<String, Object> with) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("name", name);
        fault.put("type", type);
        fault.put("target", target);
        fault.put("at", Duration.ofSeconds(at));
        fault.put("duration", duration);
        fault.put("with", with);
        return fault;
    }

    private List<Problem> problems(Map<String, Object> document) {
        return catchThrowableOfType(InvalidScenarioException.class, () -> loader.load(document, SOURCE)).problems();
    }

    @Test
    void javaValuesMakeTheScenarioTheFileMakes() {
        Scenario fromFile = loader.load(scenarioFile);

        Scenario fromJava = loader.load(base(), SOURCE);

        assertThat(fromJava).usingRecursiveComparison().ignoringFields("source").isEqualTo(fromFile);
        assertThat(fromJava.source()).isEqualTo(SOURCE);
    }

    @Test
    void aWrongValueIsReportedWithTheFieldPathAndNoPosition() {
        Map<String, Object> doc = base();
        doc.put("seed", "one");

        assertThat(problems(doc)).singleElement().satisfies(p -> {
            assertThat(p).hasToString("Faultline.scenario(base) seed: expected an integer but was 'one'");
            assertThat(p.hasPosition()).isFalse();
        });
    }

    @Test
    void aJavaNullCountsAsNothing() {
        Map<String, Object> doc = base();
        doc.put("scenario", null);

        assertThat(problems(doc)).extracting(Problem::path, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("scenario", "is required"));
    }

    @Test
    void aValueThatIsNoPlainValueIsAProblemAtItsPath() {
        Map<String, Object> doc = base();
        doc.put("description", new StringBuilder("text is fine"));
        doc.put("seed", new Object());

        assertThat(problems(doc)).extracting(Problem::path, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("seed", "expected a plain value (text, a number,"
                        + " true or false, a duration, an enum, a list or a mapping) but was a java.lang.Object"));
    }

    @Test
    void aDocumentNestedDeeperThanAFileMayNestIsRefused() {
        Map<String, Object> doc = base();
        Object deep = "bottom";
        for (int i = 0; i < YamlDocuments.MAX_NESTING + 1; i++) {
            deep = List.of(deep);
        }
        doc.put("description", deep);

        assertThat(problems(doc)).extracting(Problem::message)
                .contains("nested too deeply: at most 16 levels of mappings and lists");
    }
}
