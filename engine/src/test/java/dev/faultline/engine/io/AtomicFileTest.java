package dev.faultline.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheFileWholeAndLeavesNothingElse() throws IOException {
        Path file = dir.resolve("result.json");
        Files.writeString(file, "old");

        AtomicFile.writeString(file, "new");

        assertThat(file).hasContent("new");
        assertThat(dir).isDirectoryContaining("glob:**result.json").isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aWriteThatFailsKeepsTheOldFileAndRemovesItsTemporaryFile() throws IOException {
        Path file = dir.resolve("report.html");
        Files.writeString(file, "old");

        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write("half");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(file).hasContent("old");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }
}
