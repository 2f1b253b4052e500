package dev.faultline.engine.run;

import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.model.Excerpt;

/**
 * The harness's own failures told in one line: the messages of an exception and its causes, outermost first,
 * each said once, control characters shown as {@code ?}, at most {@value #MAX_LENGTH} characters (a longer line
 * loses its middle). Never a stack trace.
 */
public final class Failures {
    static final int MAX_LENGTH = 400;

    private Failures() {
    }

    /** For example {@code cannot prepare out/x: AccessDeniedException: out/x}. */
    public static String oneLine(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            String text = text(t);
            if (t.getCause() != null && text.equals(t.getCause().toString())) {
                continue; // new RuntimeException(cause): the cause says it
            }
            if (parts.stream().noneMatch(p -> p.contains(text))) {
                parts.add(text);
            }
        }
        String joined = String.join(": ", parts);
        String line = Excerpt.of(joined, joined.length()); // Excerpt's rule for what is shown as ?, uncut
        if (line.length() <= MAX_LENGTH) {
            return line;
        }
        int head = MAX_LENGTH / 3; // the start says what was done, the end (the innermost cause) why it failed
        return line.substring(0, head) + "..." + line.substring(line.length() - (MAX_LENGTH - head - 3));
    }

    /** The message, after the type's name where the message alone would not say what went wrong (a file's name). */
    private static String text(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        boolean namesOnlyAFile = t instanceof FileSystemException;
        return namesOnlyAFile ? t.getClass().getSimpleName() + ": " + message : message;
    }
}
