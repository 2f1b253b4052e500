package dev.faultline.engine.run;

/** The outcome of a run, and the CLI exit code for it (docs/scenario-format.md). */
public enum Verdict {
    PASSED(0), FAILED(1), ABORTED(3), ERROR(4);

    /** Exit code for input that did not validate: nothing was started. */
    public static final int INVALID_INPUT_EXIT = 2;

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The worse of two verdicts, by exit code order ERROR > ABORTED > FAILED > PASSED. */
    public Verdict worst(Verdict other) {
        return other.exitCode > exitCode ? other : this;
    }
}
