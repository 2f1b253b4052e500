package dev.faultline.engine.run;

/**
 * Why a run stops before its end, if it does: an error (verdict ERROR) or an abort (verdict ABORTED: a halt-when
 * condition, a cancel, steady state never reached). Read from any thread.
 */
final class RunStop {
    private final RunOptions.Cancellation cancellation;
    private volatile String abortReason;
    private volatile String errorReason;

    RunStop(RunOptions.Cancellation cancellation) {
        this.cancellation = cancellation;
    }

    /** Whether the run should stop now: aborted, in error, or cancelled (which counts as aborted). */
    boolean stopping() {
        if (cancellation.cancelled() && abortReason == null) {
            abortReason = "cancelled: " + cancellation.reason();
        }
        return abortReason != null || errorReason != null;
    }

    void abort(String why) {
        abortReason = why;
    }

    /** Aborts with {@code why} unless the run was already aborted for another reason. */
    void abortUnlessAborted(String why) {
        if (abortReason == null) {
            abortReason = why;
        }
    }

    /** Puts the run in error; the first reason stays (the cause: what follows from it is no news). */
    synchronized void error(String why) {
        if (errorReason == null) {
            errorReason = why;
        }
    }

    /** Why the run is in error, or null. */
    String errorReason() {
        return errorReason;
    }

    /** Why the run was aborted, or null. */
    String abortReason() {
        return abortReason;
    }
}
