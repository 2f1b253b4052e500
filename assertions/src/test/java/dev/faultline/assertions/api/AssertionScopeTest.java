package dev.faultline.assertions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.opentest4j.MultipleFailuresError;

import dev.faultline.engine.run.RunResult;

class AssertionScopeTest {

    private static final RunResult LOSSY_RUN = RunResults.good().lost("t-1").build();

    @Test
    void aFailingAssertNeverAssertedIsReportedByTheScope() {
        try (AssertionScope scope = AssertionScope.open()) {
            FaultlineAssertions.assertThat(LOSSY_RUN).lostNothing();

            MultipleFailuresError error = catchThrowableOfType(MultipleFailuresError.class, scope::assertAllReported);

            assertThat(error.getFailures()).extracting(Throwable::getMessage)
                    .containsExactly("lost: expected <= 0 but was 1 (ids t-1)");
        }
    }

    @Test
    void failuresAlreadyThrownByAssertAllAreNotReportedAgain() {
        try (AssertionScope scope = AssertionScope.open()) {
            ResultAssert assertion = FaultlineAssertions.assertThat(LOSSY_RUN).lostNothing();
            catchThrowableOfType(MultipleFailuresError.class, assertion::assertAll);

            assertThatCode(scope::assertAllReported).doesNotThrowAnyException();
        }
    }

    @Test
    void failuresRecordedAfterAssertAllAreReported() {
        try (AssertionScope scope = AssertionScope.open()) {
            ResultAssert assertion = FaultlineAssertions.assertThat(LOSSY_RUN).passed();
            assertion.assertAll();
            assertion.lostNothing();

            MultipleFailuresError error = catchThrowableOfType(MultipleFailuresError.class, scope::assertAllReported);

            assertThat(error.getFailures()).hasSize(1);
        }
    }

    @Test
    void theFailuresOfSeveralAssertsAreReportedTogether() {
        try (AssertionScope scope = AssertionScope.open()) {
            FaultlineAssertions.assertThat(LOSSY_RUN).lostNothing();
            FaultlineAssertions.assertThat(RunResults.good().duplicated("t-2").build()).noDuplicates();

            MultipleFailuresError error = catchThrowableOfType(MultipleFailuresError.class, scope::assertAllReported);

            String eol = System.lineSeparator();
            assertThat(error.getMessage()).isEqualTo("2 Faultline assertions had failures that no assertAll() "
                    + "reported (2 failures)" + eol
                    + "\tscenario worker-crash (run worker-crash-run1, verdict PASSED, results in "
                    + RunResults.REPORT_DIR + ") (1 failure)" + eol
                    + "\t\tlost: expected <= 0 but was 1 (ids t-1)" + eol
                    + "\tscenario worker-crash (run worker-crash-run1, verdict PASSED, results in "
                    + RunResults.REPORT_DIR + ") (1 failure)" + eol
                    + "\t\tduplicated: expected <= 0 but was 1 (ids t-2)");
        }
    }

    @Test
    void anAssertCreatedOnAThreadStartedInTheScopeIsTracked() throws Exception {
        try (AssertionScope scope = AssertionScope.open()) {
            Thread thread = new Thread(() -> FaultlineAssertions.assertThat(LOSSY_RUN).lostNothing());
            thread.start();
            thread.join();

            assertThat(scope.tracked()).isEqualTo(1);
        }
    }

    @Test
    void anAssertCreatedAfterTheScopeClosedIsNotTrackedByIt() {
        AssertionScope scope = AssertionScope.open();
        scope.close();

        FaultlineAssertions.assertThat(LOSSY_RUN).lostNothing();

        assertThat(scope.tracked()).isZero();
    }

    @Test
    void closingAnInnerScopeMakesTheOuterOneCurrentAgain() {
        try (AssertionScope outer = AssertionScope.open()) {
            try (AssertionScope inner = AssertionScope.open()) {
                FaultlineAssertions.assertThat(LOSSY_RUN);
                assertThat(inner.tracked()).isEqualTo(1);
            }
            FaultlineAssertions.assertThat(LOSSY_RUN);

            assertThat(outer.tracked()).isEqualTo(1);
        }
    }

    @Test
    void aThreadThatOutlivesItsScopeNoLongerTracksIntoIt() throws Exception {
        AssertionScope scope = AssertionScope.open();
        CompletableFuture<Void> go = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            go.join();
            FaultlineAssertions.assertThat(LOSSY_RUN);
        });
        thread.start();
        scope.close();
        go.complete(null);
        thread.join();

        assertThat(scope.tracked()).isZero();
    }
}
