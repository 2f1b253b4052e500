package dev.faultline.proxy;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Minimal stderr logging (no logging framework, for start-up time). The level comes from the
 * {@code LOG_LEVEL} environment variable, as for toxiproxy-server: debug, info (default), warn, error.
 */
public final class Log {
    private static final int DEBUG = 0;
    private static final int INFO = 1;
    private static final int WARN = 2;
    private static final int LEVEL = parse(System.getenv("LOG_LEVEL"));

    private Log() {
    }

    private static int parse(String level) {
        if (level == null) {
            return INFO;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "trace", "debug" -> DEBUG;
            case "warn", "warning" -> WARN;
            case "error", "fatal", "panic" -> WARN + 1;
            default -> INFO;
        };
    }

    public static void debug(Supplier<String> message) {
        if (LEVEL <= DEBUG) {
            write("DEBUG", message.get());
        }
    }

    public static void info(String message) {
        if (LEVEL <= INFO) {
            write("INFO", message);
        }
    }

    public static void warn(String message) {
        if (LEVEL <= WARN) {
            write("WARN", message);
        }
    }

    /**
     * Loads now, while file descriptors are to be had, what writing a line needs later: a server out of
     * descriptors (EMFILE) must still be able to say so. The JVM's default time zone is read from a file on
     * first use, and Netty's fallback logger (java.util.logging) formats times in it.
     */
    public static void preload() {
        java.util.TimeZone.getDefault();
        Instant.now().toString();
    }

    private static void write(String level, String message) {
        System.err.println(Instant.now() + " " + level + " " + message);
    }
}
