package dev.faultline.engine.measure;

/**
 * How well the harness kept its own sampling schedule. A late tick means the harness was starved (an overloaded
 * host): probe failures around it may be the host's, not the system's, and a verdict that rests on them deserves
 * a second run.
 *
 * @param lateTicks  ticks that ran more than one {@code sample-every} after their schedule
 * @param worstLagMs the latest of them, in ms behind schedule (0 when none was late)
 * @param firstLateAt timeline time of the first late tick, -1 when none was late
 */
public record SamplingMeasure(long lateTicks, long worstLagMs, long firstLateAt) {
}
