package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.reports.saved.SavedRun;

/** An hour-long run's page stays small: merged stretches and bounded load buckets, whatever the samples. */
class SyntheticHourTest {
    static final long HOUR_MS = 3_600_000;
    static final long MAX_BYTES = 5L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void anHourLongRunsPageStaysUnderFiveMegabytes() throws IOException {
        SavedRun run = SavedRun.read(SyntheticRun.write(dir.resolve("hour"), HOUR_MS));

        Path page = RunPage.write(run);

        assertThat(Files.size(page)).isLessThan(MAX_BYTES);
    }
}
