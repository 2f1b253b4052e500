package dev.faultline.agents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Checkpoints on disk ({@code CHECKPOINT_DIR}): after the work and before recording the completion, a worker writes
 * one small file per task, {@code {"task":..,"worker":..,"time":..,"sha256":..}}, where {@code sha256} is the
 * lowercase hex SHA-256 of {@code task \n worker \n time} (UTF-8), so a torn or altered checkpoint is recognisable.
 *
 * <p>Bounded disk use: only the newest {@value #KEEP} checkpoint files are kept (this process's and any found in the
 * directory when it first writes), older ones are deleted. A file is written under a temporary name and renamed into
 * place, so a failed write (disk full) leaves no partial checkpoint. No fsync: a checkpoint is an optimisation.
 */
final class Checkpoints {
    static final int KEEP = 32;
    static final String SUFFIX = ".checkpoint";
    private static final String TEMPORARY = ".tmp";

    private final Path dir;
    private final String workerId;
    private final Clock clock;
    private final LinkedHashSet<Path> kept = new LinkedHashSet<>(); // oldest first
    private boolean scanned;

    Checkpoints(Path dir, String workerId, Clock clock) {
        this.dir = dir;
        this.workerId = workerId;
        this.clock = clock;
    }

    Path dir() {
        return dir;
    }

    /** Writes the checkpoint of {@code taskId}, then deletes the oldest files beyond {@value #KEEP}. */
    Path write(String taskId) throws IOException {
        String time = clock.instant().toString();
        Map<String, String> checkpoint = new LinkedHashMap<>();
        checkpoint.put("task", taskId);
        checkpoint.put("worker", workerId);
        checkpoint.put("time", time);
        checkpoint.put("sha256", hash(taskId, workerId, time));
        Path file = dir.resolve(fileName(taskId));
        Path temporary = dir.resolve(file.getFileName() + "." + Thread.currentThread().getId() + TEMPORARY);
        synchronized (kept) {
            scanOnce();
        }
        try {
            Files.write(temporary, Json.write(checkpoint));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        synchronized (kept) {
            kept.remove(file); // a task worked on again moves to the newest end
            kept.add(file);
            for (Iterator<Path> oldest = kept.iterator(); kept.size() > KEEP; ) {
                Path old = oldest.next();
                oldest.remove();
                Files.deleteIfExists(old);
            }
        }
        return file;
    }

    /** The hash a checkpoint carries: lowercase hex SHA-256 of {@code task \n worker \n time}. */
    static String hash(String taskId, String workerId, String time) {
        byte[] text = (taskId + "\n" + workerId + "\n" + time).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(CpuWork.sha256().digest(text));
    }

    /** One file per task id, named by the id's hash: any id is a safe file name that way. */
    static String fileName(String taskId) {
        byte[] digest = CpuWork.sha256().digest(taskId.getBytes(StandardCharsets.UTF_8));
        return "task-" + HexFormat.of().formatHex(digest, 0, 16) + SUFFIX;
    }

    /** Creates the directory, and adopts (oldest first) the checkpoints an earlier process left there. */
    private void scanOnce() throws IOException {
        if (scanned) {
            return;
        }
        Files.createDirectories(dir);
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.contains(SUFFIX + ".") && name.endsWith(TEMPORARY)) {
                    Files.deleteIfExists(f); // left by a write that a crash interrupted
                } else if (name.endsWith(SUFFIX)) {
                    found.add(f);
                }
            }
        }
        found.sort(Comparator.comparing(Checkpoints::lastModified));
        kept.addAll(found);
        scanned = true;
    }

    private static FileTime lastModified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
