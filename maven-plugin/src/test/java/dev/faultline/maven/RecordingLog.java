package dev.faultline.maven;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.logging.SystemStreamLog;

/** Maven's log for a mojo under test: each line kept as {@code LEVEL text}. */
final class RecordingLog extends SystemStreamLog {
    private final List<String> lines = new ArrayList<>();

    @Override
    public void debug(CharSequence content) {
        add("DEBUG", content);
    }

    @Override
    public void info(CharSequence content) {
        add("INFO", content);
    }

    @Override
    public void warn(CharSequence content) {
        add("WARN", content);
    }

    @Override
    public void error(CharSequence content) {
        add("ERROR", content);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    private synchronized void add(String level, CharSequence content) {
        lines.add(level + " " + content);
    }
}
