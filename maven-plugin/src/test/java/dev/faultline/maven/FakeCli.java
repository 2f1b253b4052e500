package dev.faultline.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the Faultline CLI in the JVM {@code faultline:run} forks (only the JDK on its classpath): it notes how
 * it was called in {@code <report-dir>/fake-call.properties} and does what its environment says.
 * <ul>
 *   <li>{@code FAKE_RESULTS}: {@code name:VERDICT[:objective,...];...}, a result.json for each (those objectives
 *       violated)</li>
 *   <li>{@code FAKE_STDERR}: lines for stderr, split at {@code |}</li>
 *   <li>{@code FAKE_EXIT}: its exit code (0)</li>
 *   <li>{@code FAKE_MODE=hang}: runs until it is signalled, then writes {@code reverted} as it ends</li>
 *   <li>{@code FAKE_MODE=cancelling}: says a Ctrl-C reached it, cleans up (1.5 s) and exits 3; writes
 *       {@code signalled} if a signal ends it first</li>
 * </ul>
 */
public final class FakeCli {
    static final String CALL = "fake-call.properties";
    private static volatile boolean cleanedUp;

    private FakeCli() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        Path reportDir = Path.of(arguments.get(arguments.indexOf("--report-dir") + 1));
        Files.createDirectories(reportDir);
        writeCall(reportDir, arguments);
        System.out.println("fake faultline: " + String.join(" ", arguments));
        for (String result : env("FAKE_RESULTS").split(";")) {
            if (!result.isEmpty()) {
                String[] parts = result.split(":");
                writeResult(reportDir.resolve(parts[0]), parts[0], parts[1],
                        parts.length > 2 ? List.of(parts[2].split(",")) : List.of());
            }
        }
        for (String line : env("FAKE_STDERR").split("\\|")) {
            if (!line.isEmpty()) {
                System.err.println(line);
            }
        }
        switch (env("FAKE_MODE")) {
            case "hang" -> {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> touch(reportDir.resolve("reverted"))));
                System.out.println("fake faultline: running until signalled");
                new CountDownLatch(1).await();
            }
            case "cancelling" -> {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    if (!cleanedUp) {
                        touch(reportDir.resolve("signalled"));
                    }
                }));
                System.out.println();
                System.out.println("faultline: SIGINT: reverting faults and removing containers (again to force)...");
                Thread.sleep(1500); // the point: the time a clean-up takes, during which no signal may come
                cleanedUp = true;
                System.exit(3);
            }
            default -> {
            }
        }
        System.exit(env("FAKE_EXIT").isEmpty() ? 0 : Integer.parseInt(env("FAKE_EXIT")));
    }

    /** A result.json as the CLI writes it, with the fields faultline:verify reads. */
    static void writeResult(Path folder, String scenario, String verdict, List<String> violated) throws IOException {
        List<String> objectives = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String name : violated) {
            objectives.add("{\"name\": \"" + name + "\", \"expected\": \"<= 0\", \"actual\": \"7\", \"met\": false}");
            reasons.add(name + " expected <= 0 but was 7");
        }
        objectives.add("{\"name\": \"recovery[crash]\", \"expected\": \"<= 30s\", \"actual\": \"4s\", \"met\": true}");
        String reason = switch (verdict) {
            case "PASSED" -> "every objective met";
            case "FAILED" -> String.join("; ", reasons);
            case "ABORTED" -> "steady state never held before the faults";
            default -> "Docker engine lost: connection refused";
        };
        int exitCode = switch (verdict) {
            case "PASSED" -> 0;
            case "FAILED" -> 1;
            case "ABORTED" -> 3;
            default -> 4;
        };
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("result.json"), "{\"scenario\": \"" + scenario + "\", \"verdict\": \""
                + verdict + "\", \"reason\": \"" + reason + "\", \"exitCode\": " + exitCode + ", \"objectives\": ["
                + String.join(", ", objectives) + "]}\n");
    }

    private static void writeCall(Path reportDir, List<String> arguments) throws IOException {
        Properties call = new Properties();
        call.setProperty("args", String.join("\n", arguments));
        call.setProperty("cwd", Path.of("").toAbsolutePath().toString());
        call.setProperty("classpath", System.getProperty("java.class.path"));
        call.setProperty("jvmArgs", String.join("\n", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        for (String name : List.of("FAULTLINE_CLASSPATH", "TESTCONTAINERS_HOST_OVERRIDE",
                "TESTCONTAINERS_RYUK_DISABLED", "TEAM_VAR")) {
            if (System.getenv(name) != null) {
                call.setProperty("env." + name, System.getenv(name));
            }
        }
        try (OutputStream out = Files.newOutputStream(reportDir.resolve(CALL))) {
            call.store(out, null);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
