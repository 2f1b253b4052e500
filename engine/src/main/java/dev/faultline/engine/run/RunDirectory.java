package dev.faultline.engine.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A scenario's results folder, {@code <report-dir>/<scenario>/}. Nothing a run produced is lost: an earlier run's
 * files move to {@code history/<time>/} before a new run writes there.
 */
final class RunDirectory {
    private RunDirectory() {
    }

    static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path previous = Files.exists(dir.resolve("result.json")) ? dir.resolve("result.json") : dir.resolve("timeline.jsonl");
            if (!Files.exists(previous)) {
                return;
            }
            Path history = dir.resolve("history")
                    .resolve(Files.getLastModifiedTime(previous).toInstant().toString().replace(':', '-'));
            Files.createDirectories(history);
            try (var entries = Files.list(dir)) {
                for (Path p : entries.toList()) {
                    if (!p.getFileName().toString().equals("history")) {
                        Files.move(p, history.resolve(p.getFileName()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }
}
