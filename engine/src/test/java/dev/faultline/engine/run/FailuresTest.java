package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;

import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void causesAreToldOutermostFirstEachOnceNamingTheFileSystemsComplaint() {
        var denied = new AccessDeniedException("out/worker-crash");
        var failure = new UncheckedIOException("cannot prepare out/worker-crash", denied);

        assertThat(Failures.oneLine(failure))
                .isEqualTo("cannot prepare out/worker-crash: AccessDeniedException: out/worker-crash");
    }

    @Test
    void aWrapperThatOnlyRepeatsItsCauseIsLeftOut() {
        var cause = new IllegalStateException("docker is gone");

        assertThat(Failures.oneLine(new RuntimeException(cause))).isEqualTo("docker is gone");
    }

    @Test
    void controlCharactersAreShownAsQuestionMarksAndTheLineIsBounded() {
        String line = Failures.oneLine(new IllegalStateException("line one\nline\u001b[31m two" + "x".repeat(1000)));

        assertThat(line).startsWith("line one?line?[31m two").hasSize(Failures.MAX_LENGTH).endsWith("...")
                .doesNotContain("\n");
    }

    @Test
    void anExceptionWithoutAMessageIsNamedByItsType() {
        assertThat(Failures.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
