package dev.faultline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code timeline.jsonl} is a contract: these lines are what the writer wrote before the timeline was typed. */
class TimelineWriterTest {

    @Test
    void writesEachTypedEventAsTheSameTextAsBefore(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("timeline.jsonl");
        try (TimelineWriter writer = new TimelineWriter(file)) {
            writer.accept(new TimelineEvent.Phase(0, RunPhase.STEADY_STATE));
            writer.accept(new TimelineEvent.Sample(5, Lane.probe("api-ready"), true, 200, 3, ""));
            writer.accept(new TimelineEvent.Sample(6, Lane.health("worker-0"), false, 0, 500, "timed out"));
            writer.accept(new TimelineEvent.FaultChange(7, "kill-worker", FaultState.REVERT_FAILED, "boom"));
            writer.accept(new TimelineEvent.ServiceChange(8, "worker-0", ServiceState.RESTART_FAILED, "no"));
        }

        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"t\":0,\"type\":\"phase\",\"phase\":\"steady-state\"}",
                "{\"t\":5,\"type\":\"sample\",\"lane\":\"probe:api-ready\",\"ok\":true,\"status\":200,\"latencyMs\":3}",
                "{\"t\":6,\"type\":\"sample\",\"lane\":\"health:worker-0\",\"ok\":false,\"status\":0,"
                        + "\"latencyMs\":500,\"detail\":\"timed out\"}",
                "{\"t\":7,\"type\":\"fault\",\"fault\":\"kill-worker\",\"change\":\"revert-failed\","
                        + "\"detail\":\"boom\"}",
                "{\"t\":8,\"type\":\"service\",\"instance\":\"worker-0\",\"change\":\"restart-failed\","
                        + "\"detail\":\"no\"}");
    }
}
