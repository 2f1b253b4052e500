package dev.faultline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved timeline reads back as the events that were written, so reports can be rebuilt from the file alone. */
class TimelineReaderTest {
    private static final List<TimelineEvent> EVENTS = List.of(
            new TimelineEvent.Phase(0, RunPhase.STEADY_STATE),
            new TimelineEvent.Sample(5, Lane.probe("api-ready"), true, 200, 3, ""),
            new TimelineEvent.Sample(6, Lane.health("worker-0"), false, 0, 500, "timed out"),
            new TimelineEvent.FaultChange(7, "kill-worker", FaultState.ACTED_AGAIN, "crash 2"),
            new TimelineEvent.ServiceChange(8, "worker-0", ServiceState.RESTARTED, "restart 1"),
            new TimelineEvent.Halt(9, "api-ready", "failing for 2s", 8, 9, List.of("kill-worker")),
            new TimelineEvent.StateReport(10, "worker-1", Map.of("completed", 12L), null),
            new TimelineEvent.StateReport(11, "worker-0", Map.of(), "connection refused"),
            new TimelineEvent.SamplerLag(12, 340),
            new TimelineEvent.Connections(12, "rabbitmq", 57, 3),
            new TimelineEvent.LoadSecond(12, "gatling", 20, 1, 4, 9, 31),
            new TimelineEvent.LoadSecond(12, "gatling", 0, 3, null, null, null),
            new TimelineEvent.DriverReport(13, "gatling", "dev.faultline.load.gatling.BuiltIn", 21, 18, 3, 5, 9, 31,
                    "gatling/index.html"),
            new TimelineEvent.DriverReport(13, "gatling", null, 0, 0, 0, null, null, null, null),
            new TimelineEvent.InstanceRecovery(12, "worker-1", dev.faultline.engine.model.RestartPolicy.Strategy.SCALE_DOWN,
                    4, false, "no replica of worker left"),
            new TimelineEvent.ServiceChange(12, "worker-1", ServiceState.RETIRED, "scaled down"),
            new TimelineEvent.Note(13, "run x seed 7"));

    @Test
    void readsBackEveryKindOfEventItsWriterWrote(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("timeline.jsonl");
        try (TimelineWriter writer = new TimelineWriter(file)) {
            EVENTS.forEach(writer);
        }

        TimelineReader.Read read = TimelineReader.read(file);

        assertThat(read.events()).containsExactlyElementsOf(EVENTS);
        assertThat(read.unreadable()).isZero();
    }

    @Test
    void skipsAndCountsALineCutShortByAKilledRun(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("timeline.jsonl");
        try (TimelineWriter writer = new TimelineWriter(file)) {
            writer.accept(EVENTS.get(0));
        }
        Files.writeString(file, "{\"t\":5,\"type\":\"sam", StandardOpenOption.APPEND);

        TimelineReader.Read read = TimelineReader.read(file);

        assertThat(read.events()).containsExactly(EVENTS.get(0));
        assertThat(read.unreadable()).isEqualTo(1);
    }
}
