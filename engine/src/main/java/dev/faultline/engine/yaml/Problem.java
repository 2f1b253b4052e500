package dev.faultline.engine.yaml;

import java.io.Serializable;
import java.util.Objects;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

import dev.faultline.engine.model.Excerpt;

/**
 * One thing wrong with a scenario or topology: where ({@code file}, 1-based {@code line} and {@code column}, the
 * field {@code path}) and what ({@code message}: what was expected and what was found).
 *
 * <p>Every part is shown as an {@link Excerpt}: control characters become {@code ?} and each part is bounded, so a
 * problem never writes raw control sequences or a whole file to a terminal.
 *
 * <p>{@code line} and {@code column} are 0 only when no position applies (the file cannot be read at all).
 *
 * @param file the path of the file as the user gave it (or as resolved from the scenario's folder)
 * @param path the field path, e.g. {@code faults[0].with.mode}; {@code (syntax)} or {@code (file)} for the whole file,
 *             {@code (root)} for the file's top-level mapping
 */
public record Problem(String file, int line, int column, String path, String message) implements Serializable {
    /** The longest file name shown; longer ones end in {@code ...}. */
    static final int MAX_FILE_CHARS = 300;
    /** The longest field path shown (a path names the user's keys). */
    static final int MAX_PATH_CHARS = 120;
    /** The longest message: values in it are excerpts already, this only bounds what lists of names add. */
    static final int MAX_MESSAGE_CHARS = 600;

    public Problem {
        file = Excerpt.of(Objects.requireNonNull(file, "file"), MAX_FILE_CHARS);
        path = Excerpt.of(Objects.requireNonNull(path, "path"), MAX_PATH_CHARS);
        message = Excerpt.of(Objects.requireNonNull(message, "message"), MAX_MESSAGE_CHARS);
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative, but were " + line + ":" + column);
        }
    }

    /** A problem at a YAML node (its start). */
    static Problem at(String file, Node node, String path, String message) {
        return at(file, node.getStartMark(), path, message);
    }

    /** A problem at a SnakeYAML mark (0-based), reported 1-based. */
    static Problem at(String file, Mark mark, String path, String message) {
        String where = path.isEmpty() ? "(root)" : path;
        if (mark == null) {
            return new Problem(file, 0, 0, where, message);
        }
        return new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, where, message);
    }

    /** Whether the problem points at a line and column. */
    public boolean hasPosition() {
        return line > 0;
    }

    /** {@code scenarios/x.yaml:14:7 faults[0].with.mode: expected one of stop, kill but was 'halt'}. */
    @Override
    public String toString() {
        String where = hasPosition() ? file + ":" + line + ":" + column : file;
        return where + " " + path + ": " + message;
    }
}
