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
    void controlCharactersAreShownAsQuestionMarks() {
        assertThat(Failures.oneLine(new IllegalStateException("line one\nline\u001b[31m two")))
                .isEqualTo("line one?line?[31m two");
    }

    @Test
    void aLongLineLosesItsMiddleKeepingWhatWasDoneAndWhyItFailed() {
        var tooLong = new java.nio.file.FileSystemException("out/" + "x".repeat(1000), null, "File name too long");

        String line = Failures.oneLine(new UncheckedIOException("cannot prepare out/" + "x".repeat(1000), tooLong));

        assertThat(line).hasSize(Failures.MAX_LENGTH).startsWith("cannot prepare out/xxx").contains("xxx...xxx")
                .endsWith("xxx: File name too long");
    }

    @Test
    void anExceptionWithoutAMessageIsNamedByItsType() {
        assertThat(Failures.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
