package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonShapesTest {

    private static String render(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void resultsListEveryTaskWithItsCompletionCount() {
        Json.Results results = new Json.Results(List.of(new Json.Completion("t-1", 1), new Json.Completion("t-2", 2)));

        assertThat(render(results)).isEqualTo("{\"completed\":[{\"id\":\"t-1\",\"count\":1},{\"id\":\"t-2\",\"count\":2}]}");
    }

    @Test
    void anAcceptedTaskIsAnsweredWithItsId() {
        assertThat(render(new Json.Accepted("t-1"))).isEqualTo("{\"id\":\"t-1\"}");
    }

    @Test
    void anOrchestratorsHealthHasNoWorkerField() {
        assertThat(render(new Json.Health("UP", "orchestrator", null)))
                .isEqualTo("{\"status\":\"UP\",\"role\":\"orchestrator\"}");
    }

    @Test
    void aWorkersHealthNamesTheWorker() {
        assertThat(render(new Json.Health("UP", "worker", "abc123")))
                .isEqualTo("{\"status\":\"UP\",\"role\":\"worker\",\"worker\":\"abc123\"}");
    }

    @Test
    void readinessNamesWhatIsDown() {
        assertThat(render(new Readiness.Snapshot(false, true).toJson(Role.WORKER)))
                .isEqualTo("{\"status\":\"NOT_READY\",\"role\":\"worker\",\"broker\":\"DOWN\",\"store\":\"UP\",\"down\":[\"broker\"]}");
        assertThat(render(new Readiness.Snapshot(true, true).toJson(Role.ORCHESTRATOR)))
                .isEqualTo("{\"status\":\"READY\",\"role\":\"orchestrator\",\"broker\":\"UP\",\"store\":\"UP\",\"down\":[]}");
    }
}
