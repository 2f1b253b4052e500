package dev.faultline.injectors.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.ContainerControl.ExecResult;

/**
 * Faultline's own stress tool inside one target container: one static binary, taken from the harness's image
 * {@code faultline/stress} and copied to {@code /tmp/.faultline-TAG/stress}, so it works in any image, with or
 * without a shell or a stress tool. Every process it starts carries {@code /.faultline-TAG/} in its command line;
 * everything it changes is recorded under that directory, so {@code release} can undo it all.
 */
final class StressTool {
    static final String IMAGE = "faultline/stress:latest";
    static final String BINARY_IN_IMAGE = "/usr/local/bin/faultline-stress";

    private final ContainerControl containers;
    private final String instance;
    private final String tag;
    private volatile boolean installed;

    StressTool(ContainerControl containers, String instance, String tag) {
        if (!tag.matches("[a-z0-9-]{1,48}")) {
            throw new IllegalArgumentException("a stress tag is 1 to 48 of a-z, 0-9 and -, but was '" + tag + "'");
        }
        this.containers = containers;
        this.instance = instance;
        this.tag = tag;
    }

    String instance() {
        return instance;
    }

    String tag() {
        return tag;
    }

    boolean installed() {
        return installed;
    }

    /** The tool's path inside the container. */
    String path() {
        return "/tmp/.faultline-" + tag + "/stress";
    }

    /** Copies the tool into the container. Marked installed first: a half-done copy is still cleaned up. */
    void install() {
        byte[] binary = containers.fileFromImage(IMAGE, BINARY_IN_IMAGE);
        installed = true;
        containers.copyInto(instance, "/tmp", ".faultline-" + tag + "/stress", binary, 0755);
    }

    /** Runs {@code stress ARGS...}; its output as key=value records, one per line; throws if it failed. */
    List<Map<String, String>> run(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = path();
        System.arraycopy(args, 0, command, 1, args.length);
        ExecResult result = containers.run(instance, command);
        if (!result.ok()) {
            throw new IllegalStateException("stress " + String.join(" ", args) + " in " + instance + " exited "
                    + result.exitCode() + ": " + firstLine(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }
        return records(result.stdout());
    }

    /** The one record of a command that prints one line. */
    Map<String, String> runOne(String... args) {
        List<Map<String, String>> records = run(args);
        if (records.isEmpty()) {
            throw new IllegalStateException("stress " + String.join(" ", args) + " in " + instance + " printed nothing");
        }
        return records.get(0);
    }

    /** Stops the tool's processes and undoes what it changed; the tool stays until {@link #cleanup}. */
    Map<String, String> release() {
        return runOne("release", tag);
    }

    /** Removes the tool and its records from the container. */
    void cleanup() {
        run("cleanup", tag);
        installed = false;
    }

    static List<Map<String, String>> records(String output) {
        List<Map<String, String>> records = new ArrayList<>();
        for (String line : output.split("\n")) {
            Map<String, String> record = new LinkedHashMap<>();
            for (String field : line.trim().split("\\s+")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    record.put(field.substring(0, eq), field.substring(eq + 1));
                }
            }
            if (!record.isEmpty()) {
                records.add(record);
            }
        }
        return records;
    }

    static long number(Map<String, String> record, String key) {
        String value = record.get(key);
        if (value == null) {
            throw new IllegalStateException("stress printed no " + key + " in " + record);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("stress printed " + key + "=" + value + ", not a number");
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("(no output)");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
