package dev.faultline.engine.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A scenario's results folder, {@code <report-dir>/<scenario>/}. Nothing a run produced or a user put there is lost:
 * before a new run writes there, the files and folders Faultline writes (the run's own and its reporters', with
 * the hidden temporary files of a write cut short) move to a new {@code history/<time>/}; everything else stays.
 */
final class RunDirectory {
    static final String HISTORY = "history";

    private RunDirectory() {
    }

    /** Creates {@code dir}, or moves an earlier run's {@code names} in it to history. */
    static void prepare(Path dir, Set<String> names) {
        try {
            Files.createDirectories(dir);
            List<Path> earlier = new ArrayList<>();
            for (String name : names) {
                for (Path p : List.of(dir.resolve(name), dir.resolve("." + name + ".tmp"))) {
                    if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        earlier.add(p);
                    }
                }
            }
            if (earlier.isEmpty()) {
                return;
            }
            Path history = newHistoryFolder(dir.resolve(HISTORY), lastModified(earlier));
            for (Path p : earlier) {
                Files.move(p, history.resolve(p.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    /** When the earlier run last wrote: its newest file's time. */
    private static FileTime lastModified(List<Path> files) throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        for (Path p : files) {
            FileTime t = Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            newest = t.compareTo(newest) > 0 ? t : newest;
        }
        return newest;
    }

    /** {@code history/<time>/}, or {@code <time>-2/}, {@code -3/}...: never one that exists. */
    private static Path newHistoryFolder(Path history, FileTime time) throws IOException {
        Files.createDirectories(history);
        String name = time.toInstant().toString().replace(':', '-');
        for (int n = 1; ; n++) {
            Path folder = history.resolve(n == 1 ? name : name + "-" + n);
            try {
                return Files.createDirectory(folder);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // an earlier run of the same instant, or a user's: the next name
            }
        }
    }
}
