package dev.faultline.assertions.api;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;

import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;

class AssertAllTest {

    private static final RunResult BAD_RUN = RunResults.good().fault("kill-worker", 300L, 17_200L, 2_500L)
            .lost("t-1", "t-2").verdict(Verdict.FAILED, "recovery[kill-worker] expected <= 15s but was 17.2s")
            .build();

    @Test
    void assertAllReportsEveryFailureInOneErrorWithTheReportFolder() {
        ResultAssert assertion = FaultlineAssertions.assertThat(BAD_RUN)
                .recoveredWithin(ofSeconds(15)).lostNothing().containedTo("worker");

        MultipleFailuresError error = catchThrowableOfType(MultipleFailuresError.class, assertion::assertAll);

        assertThat(error).hasMessage("scenario worker-crash (run worker-crash-run1, verdict FAILED, results in "
                + RunResults.REPORT_DIR + ") (2 failures)" + System.lineSeparator()
                + "\trecovery of kill-worker: expected <= 15s but was 17.2s" + System.lineSeparator()
                + "\tlost: expected <= 0 but was 2 (ids t-1, t-2)");
    }

    @Test
    void eachReportedFailureCarriesExpectedAndActualForTheDiffView() {
        ResultAssert assertion = FaultlineAssertions.assertThat(BAD_RUN).recoveredWithin(ofSeconds(15));

        MultipleFailuresError error = catchThrowableOfType(MultipleFailuresError.class, assertion::assertAll);

        AssertionFailedError failure = (AssertionFailedError) error.getFailures().get(0);
        assertThat(failure.getExpected().getStringRepresentation()).isEqualTo("<= 15s");
        assertThat(failure.getActual().getStringRepresentation()).isEqualTo("17.2s");
    }

    @Test
    void assertAllIsQuietWhenEveryExpectationHeld() {
        ResultAssert assertion = FaultlineAssertions.assertThat(RunResults.good().build())
                .passed().recoveredWithin(ofSeconds(15)).lostNothing().containedTo("worker");

        assertThatCode(assertion::assertAll).doesNotThrowAnyException();
    }

    @Test
    void assertSoftlyThrowsEveryFailureOfTheChain() {
        MultipleFailuresError error = catchThrowableOfType(MultipleFailuresError.class,
                () -> FaultlineAssertions.assertSoftly(BAD_RUN, r -> r.passed().lostNothing().noDuplicates()));

        assertThat(error.getFailures()).extracting(Throwable::getMessage).containsExactly(
                "verdict: expected PASSED but was FAILED (recovery[kill-worker] expected <= 15s but was 17.2s)",
                "lost: expected <= 0 but was 2 (ids t-1, t-2)");
    }

    @Test
    void assertSoftlyIsQuietWhenEveryExpectationHeld() {
        assertThatCode(() -> FaultlineAssertions.assertSoftly(RunResults.good().build(),
                r -> r.passed().lostNothing())).doesNotThrowAnyException();
    }
}
