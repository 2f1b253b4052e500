package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    private static final Set<String> FAULTLINE_FILES = Set.of("result.json", "timeline.jsonl", "logs");

    @TempDir
    Path tmp;

    @Test
    void aNewFolderIsCreated() {
        RunDirectory.prepare(tmp.resolve("worker-crash"), FAULTLINE_FILES);

        assertThat(tmp.resolve("worker-crash")).isEmptyDirectory();
    }

    @Test
    void anEarlierRunMovesToHistoryInsteadOfBeingOverwritten() throws Exception {
        Path dir = tmp.resolve("worker-crash");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("result.json"), "{\"run\":\"first\"}");
        Files.writeString(dir.resolve("logs/worker-0.log"), "log");

        RunDirectory.prepare(dir, FAULTLINE_FILES);

        Path earlier = onlyHistoryFolder(dir);
        assertThat(earlier.resolve("result.json")).hasContent("{\"run\":\"first\"}");
        assertThat(earlier.resolve("logs/worker-0.log")).hasContent("log");
        assertThat(dir.resolve("result.json")).doesNotExist();
    }

    @Test
    void aUsersOwnFilesAndFoldersStayWhereTheyAre() throws Exception {
        Path dir = tmp.resolve("worker-crash");
        Files.createDirectories(dir.resolve("notes"));
        Files.writeString(dir.resolve("timeline.jsonl"), "{}");
        Files.writeString(dir.resolve("README.txt"), "mine");
        Files.writeString(dir.resolve("notes/a.md"), "mine too");

        RunDirectory.prepare(dir, FAULTLINE_FILES);

        assertThat(dir.resolve("README.txt")).hasContent("mine");
        assertThat(dir.resolve("notes/a.md")).hasContent("mine too");
        assertThat(onlyHistoryFolder(dir)).isDirectoryContaining(p -> p.getFileName().toString().equals("timeline.jsonl"))
                .isDirectoryNotContaining(p -> p.getFileName().toString().equals("README.txt"));
    }

    @Test
    void theTemporaryFileOfAWriteCutShortMovesWithTheRun() throws Exception {
        Path dir = tmp.resolve("worker-crash");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".result.json.tmp"), "{\"half");

        RunDirectory.prepare(dir, FAULTLINE_FILES);

        assertThat(onlyHistoryFolder(dir).resolve(".result.json.tmp")).hasContent("{\"half");
        assertThat(dir.resolve(".result.json.tmp")).doesNotExist();
    }

    @Test
    void aHistoryFolderOfTheSameTimeIsNeverOverwritten() throws Exception {
        Path dir = tmp.resolve("worker-crash");
        FileTime sameTime = FileTime.from(Instant.parse("2026-01-02T03:04:05Z"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("result.json"), "first");
        Files.setLastModifiedTime(dir.resolve("result.json"), sameTime);
        RunDirectory.prepare(dir, FAULTLINE_FILES);
        Files.writeString(dir.resolve("result.json"), "second");
        Files.setLastModifiedTime(dir.resolve("result.json"), sameTime);

        RunDirectory.prepare(dir, FAULTLINE_FILES);

        Path history = dir.resolve(RunDirectory.HISTORY);
        assertThat(history.resolve("2026-01-02T03-04-05Z/result.json")).hasContent("first");
        assertThat(history.resolve("2026-01-02T03-04-05Z-2/result.json")).hasContent("second");
    }

    private static Path onlyHistoryFolder(Path dir) throws Exception {
        try (var history = Files.list(dir.resolve(RunDirectory.HISTORY))) {
            List<Path> folders = history.toList();
            assertThat(folders).hasSize(1);
            return folders.get(0);
        }
    }
}
