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

    /** Lines of {@link #warnAtMostEvery5s} by key: [nanoTime of the last line, lines left out since]. */
    private static final java.util.concurrent.ConcurrentHashMap<String, long[]> LIMITED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final long LIMIT_NANOS = 5_000_000_000L;

    /**
     * A warning that a client can cause at will (one per connection): at most one line per {@code key} every
     * 5 s, saying how many were left out, so a flood of connections cannot flood the log.
     */
    public static void warnAtMostEvery5s(String key, String message) {
        if (LEVEL > WARN) {
            return;
        }
        long now = System.nanoTime();
        if (LIMITED.size() > 1024) {
            LIMITED.clear(); // keys name proxies, which come and go: forget old ones rather than grow
        }
        long[] state = LIMITED.computeIfAbsent(key, k -> new long[] {now - LIMIT_NANOS, 0});
        long left;
        synchronized (state) {
            if (now - state[0] < LIMIT_NANOS) {
                state[1]++;
                return;
            }
            state[0] = now;
            left = state[1];
            state[1] = 0;
        }
        write("WARN", left == 0 ? message : message + " [" + left + " more like it in the last 5 s not logged]");
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
