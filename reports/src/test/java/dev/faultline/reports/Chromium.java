package dev.faultline.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, on a page file: its rendered DOM ({@link #dumpDom}), a screenshot
 * ({@link #screenshot}), both from one load ({@link #render}: a browser's start is most of a call's 2 s), what the
 * page wrote to its console, and how long it took. Each call starts a fresh browser
 * with a fresh profile and ends it within {@link #timeout}. Nothing is fetched from the network: every host name
 * resolves to nothing.
 *
 * <p>The console is read from Chromium's own log on stderr ({@code --enable-logging=stderr}): every
 * {@code console.*} call and every uncaught exception is a {@code CONSOLE} line there. That log does not tell the
 * levels apart, so every console message counts; a report page has no script, so any message is a defect.
 */
public final class Chromium {
    /** Where Debian's {@code chromium} package puts the browser. */
    public static final Path DEBIAN = Path.of("/usr/bin/chromium");
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE(?:\\(\\d+\\)|:\\d+)?\\]\\s*(.*)$");

    private final Path binary;
    private final Duration timeout;

    private Chromium(Path binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** Debian's Chromium with a 60 s limit per call; fails saying how to install it when it is missing. */
    public static Chromium headless() {
        return at(DEBIAN);
    }

    /** The Chromium at {@code binary}; fails saying how to install it when there is none. */
    public static Chromium at(Path binary) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no Chromium at " + binary
                    + ": install it with 'docker/bootstrap.sh chromium' (Debian package 'chromium')");
        }
        return new Chromium(binary, Duration.ofSeconds(60));
    }

    /** The same browser with another limit per call. */
    public Chromium timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + limit);
        }
        return new Chromium(binary, limit);
    }

    /**
     * One render of a page.
     *
     * @param dom     the rendered DOM, serialized ({@code --dump-dom}); empty for a screenshot
     * @param console every console message and uncaught exception, as {@code "text", source: url (line)}
     * @param elapsed from starting the browser until it exited
     */
    public record Render(String dom, List<String> console, Duration elapsed) {
        public Render {
            console = List.copyOf(console);
        }
    }

    /** Loads {@code page} and returns its DOM after the load event, with its console and the time it took. */
    public Render dumpDom(Path page) throws IOException {
        return run(page, List.of("--window-size=1400,1000", "--dump-dom"));
    }

    /** Loads {@code page} in a {@code width} x {@code height} window and saves what it shows as {@code png}. */
    public Render screenshot(Path page, Path png, int width, int height) throws IOException {
        Render render = shot(page, png, width, height, List.of());
        return new Render("", render.console(), render.elapsed());
    }

    /**
     * Loads {@code page} once in a {@code width} x {@code height} window: saves what it shows as {@code png} and
     * returns its DOM after the load event (as {@link #dumpDom} does), with its console and the time it took.
     */
    public Render render(Path page, Path png, int width, int height) throws IOException {
        return shot(page, png, width, height, List.of("--dump-dom"));
    }

    private Render shot(Path page, Path png, int width, int height, List<String> also) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        List<String> action = new ArrayList<>(also);
        action.add("--window-size=" + width + "," + height);
        action.add("--screenshot=" + png.toAbsolutePath());
        Render render = run(page, action);
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new IllegalStateException("Chromium wrote no screenshot of " + page + " to " + png);
        }
        return render;
    }

    /** The console messages among the lines of Chromium's log. */
    public static List<String> consoleMessages(String log) {
        List<String> messages = new ArrayList<>();
        for (String line : log.split("\\R")) {
            Matcher m = CONSOLE.matcher(line);
            if (m.find()) {
                messages.add(m.group(1));
            } else if (line.contains("Uncaught")) {
                messages.add(line.trim());
            }
        }
        return messages;
    }

    private Render run(Path page, List<String> action) throws IOException {
        if (!Files.isRegularFile(page)) {
            throw new IOException(page + ": no such file");
        }
        Path work = Files.createTempDirectory("faultline-chromium");
        try {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--user-data-dir=" + work.resolve("profile"),
                    "--host-resolver-rules=MAP * ~NOTFOUND", "--no-first-run", "--enable-logging=stderr", "--v=0"));
            command.addAll(action);
            command.add(page.toAbsolutePath().toUri().toString());
            Path stdout = work.resolve("stdout");
            Path stderr = work.resolve("stderr");
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            boolean exited;
            try {
                exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exited = false;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                reap(process);
                throw new IllegalStateException("Chromium did not finish " + page + " within " + timeout);
            }
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + " on " + page
                        + "; its log ends:\n" + tail(log, 20));
            }
            return new Render(Files.readString(stdout, StandardCharsets.UTF_8), consoleMessages(log), elapsed);
        } finally {
            delete(work);
        }
    }

    private static void reap(Process killed) {
        try {
            killed.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(String log, int lines) {
        List<String> all = log.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Removes the browser's scratch folder; what a lingering helper process still holds stays in /tmp. */
    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
