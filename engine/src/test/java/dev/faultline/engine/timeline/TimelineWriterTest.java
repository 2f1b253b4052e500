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

    @Test
    void writesALoadDriversOwnFiguresWithTheirNullsSpelledOut(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("timeline.jsonl");
        try (TimelineWriter writer = new TimelineWriter(file)) {
            writer.accept(new TimelineEvent.LoadSecond(3000, "gatling", 19, 1, 4, 9, 31));
            writer.accept(new TimelineEvent.LoadSecond(4000, "gatling", 0, 2, null, null, null));
            writer.accept(new TimelineEvent.DriverReport(9000, "gatling", "com.example.Sim", 21, 19, 2, 4, 9, 31,
                    "gatling/index.html"));
        }

        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"t\":3000,\"type\":\"load-second\",\"driver\":\"gatling\",\"ok\":19,\"ko\":1,\"p50Ms\":4,"
                        + "\"p95Ms\":9,\"p99Ms\":31}",
                "{\"t\":4000,\"type\":\"load-second\",\"driver\":\"gatling\",\"ok\":0,\"ko\":2,\"p50Ms\":null,"
                        + "\"p95Ms\":null,\"p99Ms\":null}",
                "{\"t\":9000,\"type\":\"driver-report\",\"driver\":\"gatling\",\"simulation\":\"com.example.Sim\","
                        + "\"requests\":21,\"ok\":19,\"ko\":2,\"p50Ms\":4,\"p95Ms\":9,\"p99Ms\":31,"
                        + "\"report\":\"gatling/index.html\"}");
    }
}
