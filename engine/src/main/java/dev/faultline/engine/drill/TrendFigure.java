package dev.faultline.engine.drill;

/**
 * A figure of one scenario's run that is kept in the history and may be bounded against earlier drills. The value of
 * each, for a run, is defined once (in the history's {@code RunFigures}) and used by the history, the trend chart and
 * the regression bound alike.
 */
public enum TrendFigure {
    /** The slowest recovery time over the run's injected faults, in ms; none when one never recovered. */
    RTO("rto", true),
    /** The integrity objective's RPO figure, in ms. */
    RPO("rpo", true),
    /** Accepted work items never completed. */
    LOST("lost", false),
    /** Work items completed more than once. */
    DUPLICATED("duplicated", false),
    /** The load's p99 latency over the whole run, in ms. */
    P99_LATENCY("p99-latency", true);

    private final String yamlName;
    private final boolean time;

    TrendFigure(String yamlName, boolean time) {
        this.yamlName = yamlName;
        this.time = time;
    }

    /** The figure's name in drill files and on the command line. */
    public String yamlName() {
        return yamlName;
    }

    /** Whether the figure is a time in ms (else a count). */
    public boolean isTime() {
        return time;
    }
}
