package dev.faultline.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.faultline.engine.model.Durations;

/**
 * Allure's HTML report built offline by allure-commandline ({@code <home>/bin/allure generate}), which the build
 * unpacks into {@code cli/target/allure-commandline/} beside {@code faultline-cli-all.jar}; the system property
 * {@value #HOME_PROPERTY} names another copy. Run as a process of its own (no shell), with our Java, for at most
 * {@link #TIMEOUT}.
 */
final class AllureHtml {
    /** System property naming allure-commandline's folder (the one holding {@code bin/allure}). */
    static final String HOME_PROPERTY = "faultline.allure.home";
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    private AllureHtml() {
    }

    /** Why Allure's HTML could not be built, in one line; allure's own output, if any, is in {@link #output}. */
    static final class Failure extends Exception {
        private final String output;

        Failure(String message, String output) {
            super(message);
            this.output = output;
        }

        String output() {
            return output;
        }
    }

    /** allure-commandline's folder: {@value #HOME_PROPERTY}, else {@code allure-commandline/} beside our jar. */
    static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            // cli/target/faultline-cli-all.jar, or cli/target/classes when run from the build
            Path code = Path.of(AllureHtml.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("allure-commandline");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("cli/target/allure-commandline").toAbsolutePath();
        }
    }

    /** {@code allure generate <results> -o <report> --clean}, with allure-commandline in {@code home}. */
    static void generate(Path home, Path results, Path report) throws Failure, IOException {
        Path allure = home.resolve("bin").resolve("allure");
        if (!Files.isRegularFile(allure)) {
            throw new Failure("allure-commandline not found: no " + allure + " (build it with 'mvn package', or"
                    + " set -D" + HOME_PROPERTY + " to its folder)", "");
        }
        if (!Files.isExecutable(allure)) {
            throw new Failure(allure + " is not executable", "");
        }
        Path output = Files.createTempFile("faultline-allure", ".log");
        Process process = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(allure.toString(), "generate", results.toString(),
                    "-o", report.toString(), "--clean")).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new Failure("allure generate did not finish within " + Durations.figure(TIMEOUT),
                        Files.readString(output, StandardCharsets.UTF_8));
            }
            if (process.exitValue() != 0) {
                throw new Failure("allure generate exited with " + process.exitValue(),
                        Files.readString(output, StandardCharsets.UTF_8));
            }
            if (!Files.isRegularFile(report.resolve("index.html"))) {
                throw new Failure("allure generate wrote no " + report.resolve("index.html"),
                        Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while allure generate ran", "");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
