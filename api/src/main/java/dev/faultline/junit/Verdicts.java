package dev.faultline.junit;

import java.util.Optional;

import org.opentest4j.AssertionFailedError;

import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Verdict;
import dev.faultline.engine.spi.Objective;

/** How a result is judged against the verdict a test expects, with one wording for every JUnit entry point. */
final class Verdicts {
    private Verdicts() {
    }

    /** The failure when {@code result} did not come to {@code expected}; empty when it did. */
    static Optional<AssertionFailedError> unexpected(Verdict expected, RunResult result) {
        if (result.verdict() == expected) {
            return Optional.empty();
        }
        return Optional.of(new AssertionFailedError(result.scenario() + ": expected " + expected + " but was "
                + result.verdict() + ": " + result.reason() + " (results: " + result.reportDir() + ")",
                expected, result.verdict()));
    }

    /** The failure of a violated objective check: {@code recovery.within expected <= 15s but was 22.4s}. */
    static AssertionFailedError violated(Objective.Check check) {
        return new AssertionFailedError(check.name() + " expected " + check.expected() + " but was "
                + check.actual(), check.expected(), check.actual());
    }
}
