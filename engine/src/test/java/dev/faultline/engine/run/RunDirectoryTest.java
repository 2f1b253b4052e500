package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void aNewFolderIsCreated() {
        RunDirectory.prepare(tmp.resolve("worker-crash"));

        assertThat(tmp.resolve("worker-crash")).isEmptyDirectory();
    }

    @Test
    void anEarlierRunMovesToHistoryInsteadOfBeingOverwritten() throws Exception {
        Path dir = tmp.resolve("worker-crash");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("result.json"), "{\"run\":\"first\"}");
        Files.writeString(dir.resolve("logs/worker-0.log"), "log");

        RunDirectory.prepare(dir);

        try (var history = Files.list(dir.resolve("history"))) {
            Path earlier = history.findFirst().orElseThrow();
            assertThat(earlier.resolve("result.json")).hasContent("{\"run\":\"first\"}");
            assertThat(earlier.resolve("logs/worker-0.log")).hasContent("log");
        }
        assertThat(dir.resolve("result.json")).doesNotExist();
    }
}
