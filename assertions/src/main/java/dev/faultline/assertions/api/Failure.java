package dev.faultline.assertions.api;

import java.util.Objects;
import java.util.Optional;

import org.opentest4j.AssertionFailedError;

import dev.faultline.engine.spi.Objective;

/**
 * One expectation a run did not meet, in the words of {@code result.json}: {@code figure} names what was judged
 * ({@code recovery of kill-worker}), {@code expected} the bound ({@code <= 15s}) and {@code actual} what the run
 * measured ({@code 17.2s}, {@code not recovered}). Durations are written as {@code 850ms} or {@code 17.2s}.
 */
public record Failure(String figure, String expected, String actual) {

    public Failure {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
    }

    /** A failure named {@code figure} when {@code check} (an objective's check) was not met. */
    static Optional<Failure> of(String figure, Objective.Check check) {
        return check.met() ? Optional.empty() : Optional.of(new Failure(figure, check.expected(), check.actual()));
    }

    /** {@code recovery of kill-worker: expected <= 15s but was 17.2s}. */
    public String message() {
        return figure + ": expected " + expected + " but was " + actual;
    }

    /** This failure as the error test tools show, with expected and actual for their diff view. */
    AssertionFailedError toError() {
        return new AssertionFailedError(message(), expected, actual);
    }

    @Override
    public String toString() {
        return message();
    }
}
