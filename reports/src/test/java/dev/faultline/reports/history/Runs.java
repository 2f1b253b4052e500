package dev.faultline.reports.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.faultline.reports.saved.SavedRun;

/**
 * Small saved runs written for the history's tests: one fault whose RTO is chosen (null: it never recovered), lost
 * work (null: the run was not drained), an RPO and a p99 latency.
 */
final class Runs {
    private Runs() {
    }

    /** A PASSED run of {@code scenario} started at {@code startedAt}, drained, nothing lost, RPO 0, p99 40 ms. */
    static SavedRun run(Path dir, String scenario, Instant startedAt, Long rtoMs) {
        return run(dir, scenario, startedAt, "PASSED", rtoMs, 0L, 40L);
    }

    static SavedRun run(Path dir, String scenario, Instant startedAt, String verdict, Long rtoMs, Long lost,
                        Long p99Ms) {
        String fault = rtoMs == null
                ? "{\"name\": \"kill\", \"injectedAtMs\": 1000, \"recoveryMs\": null, \"recovered\": false}"
                : "{\"name\": \"kill\", \"injectedAtMs\": 1000, \"recoveryMs\": " + rtoMs + ", \"recovered\": true}";
        String integrity = lost == null ? "{\"lost\": 0, \"duplicated\": 0, \"rpoMs\": null, \"drained\": false}"
                : "{\"lost\": " + lost + ", \"duplicated\": 1, \"rpoMs\": 250, \"drained\": true}";
        String result = "{\"scenario\": \"" + scenario + "\", \"run\": \"" + scenario + "-" + startedAt.toEpochMilli()
                + "\", \"verdict\": \"" + verdict + "\", \"startedAt\": \"" + startedAt + "\", \"faults\": [" + fault
                + "], \"objectives\": [], \"integrity\": " + integrity + ", \"load\": {\"p99Ms\": " + p99Ms + "}}";
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SavedRun.RESULT), result, StandardCharsets.UTF_8);
            return SavedRun.read(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
