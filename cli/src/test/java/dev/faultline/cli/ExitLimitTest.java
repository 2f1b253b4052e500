package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Once a command is done the harness exits with its code even when an exit hook never ends (Testcontainers' own,
 * against a Docker engine that stopped answering): the hooks get {@link FaultlineCommand#EXIT_HOOKS_LIMIT}.
 */
class ExitLimitTest {
    @Test
    void anExitHookThatNeverEndsIsCutShortAtTheLimitAndTheCodeKept() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HangingHook.class.getName()).redirectErrorStream(true).start();
        long started = System.nanoTime();
        try {
            boolean ended = process.waitFor(FaultlineCommand.EXIT_HOOKS_LIMIT.toSeconds() + 30, TimeUnit.SECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(ended).as("the process ended").isTrue();
            assertThat(process.exitValue()).isEqualTo(3);
            assertThat(tookMs).isGreaterThanOrEqualTo(FaultlineCommand.EXIT_HOOKS_LIMIT.toMillis());
            assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("faultline: the exit hooks did not end within 10 s (the Docker engine does not answer);"
                            + " exiting without them");
        } finally {
            process.destroyForcibly();
        }
    }

    /** A JVM whose one exit hook waits for ever, exiting with 3 as a command that ended ABORTED would. */
    static final class HangingHook {
        public static void main(String[] args) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException ignored) {
                    // the halt ends it
                }
            }));
            FaultlineCommand.exit(3);
        }
    }
}
