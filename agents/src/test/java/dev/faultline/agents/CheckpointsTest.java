package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30.123Z");

    @TempDir
    Path dir;

    private Checkpoints checkpoints() {
        return new Checkpoints(dir, "w-1", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<String> tasksOnDisk() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> read(f).get("task").asText()).sorted().collect(Collectors.toList());
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    @Test
    void aCheckpointNamesTaskWorkerAndTimeAndCarriesTheirSha256() throws Exception {
        Path file = checkpoints().write("t-1");

        JsonNode checkpoint = read(file);
        String hashed = "t-1\nw-1\n2025-03-01T10:15:30.123Z";
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(hashed.getBytes(StandardCharsets.UTF_8)));
        assertThat(checkpoint.get("task").asText()).isEqualTo("t-1");
        assertThat(checkpoint.get("worker").asText()).isEqualTo("w-1");
        assertThat(checkpoint.get("time").asText()).isEqualTo("2025-03-01T10:15:30.123Z");
        assertThat(checkpoint.get("sha256").asText()).isEqualTo(expected);
    }

    @Test
    void onlyTheNewest32CheckpointsAreKept() throws Exception {
        Checkpoints checkpoints = checkpoints();

        for (int i = 0; i < 40; i++) {
            checkpoints.write(String.format("t-%02d", i));
        }

        assertThat(tasksOnDisk()).isEqualTo(
                IntStream.range(8, 40).mapToObj(i -> String.format("t-%02d", i)).collect(Collectors.toList()));
    }

    @Test
    void checkpointsAnEarlierProcessLeftCountTowardsTheBound() throws Exception {
        Checkpoints earlier = checkpoints();
        for (int i = 0; i < Checkpoints.KEEP; i++) {
            earlier.write(String.format("t-%02d", i));
        }

        checkpoints().write("t-new");

        assertThat(tasksOnDisk()).hasSize(Checkpoints.KEEP).contains("t-new");
    }

    @Test
    void aTaskWorkedOnAgainHasOneCheckpointAndCountsAsTheNewest() throws Exception {
        Checkpoints checkpoints = checkpoints();
        for (int i = 0; i < Checkpoints.KEEP; i++) {
            checkpoints.write(String.format("t-%02d", i));
        }

        checkpoints.write("t-00");
        checkpoints.write("t-new");

        assertThat(tasksOnDisk()).hasSize(Checkpoints.KEEP).contains("t-00", "t-new").doesNotContain("t-01");
    }
}
