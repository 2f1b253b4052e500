package dev.faultline.engine.measure;

/**
 * How well the harness kept its own sampling schedule, and how many extra probes it sent to narrow transitions. A
 * late tick means the harness was starved (an overloaded host): probe failures around it may be the host's, not the
 * system's, and a verdict that rests on them deserves a second run.
 *
 * @param lateTicks            ticks that ran more than one {@code sample-every} after their schedule
 * @param worstLagMs           the latest of them, in ms behind schedule (0 when none was late)
 * @param firstLateAt          timeline time of the first late tick, -1 when none was late
 * @param probeSamples         probe samples taken on the regular schedule
 * @param extraProbes          extra probe samples sent between the regular ones to narrow a transition
 *                             ({@code steady-state.sharpen})
 * @param extraProbesPerSecond {@code extraProbes} per second of sampling (first to last probe sample); 0 when none
 */
public record SamplingMeasure(long lateTicks, long worstLagMs, long firstLateAt, long probeSamples, long extraProbes,
                              double extraProbesPerSecond) {

    /** Without counts of probes (a run measured before they were kept). */
    public SamplingMeasure(long lateTicks, long worstLagMs, long firstLateAt) {
        this(lateTicks, worstLagMs, firstLateAt, 0, 0, 0);
    }
}
