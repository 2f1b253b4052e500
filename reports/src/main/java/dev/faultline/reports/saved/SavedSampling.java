package dev.faultline.reports.saved;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the probes were sampled, as {@code result.json}'s {@code sampling} saved it. A count a run did not save (saved
 * before it was kept) is null.
 *
 * @param everyMs              {@code sample-every}; 0 when not saved
 * @param lateTicks            ticks run more than one {@code sample-every} behind schedule
 * @param worstLagMs           the worst lag
 * @param probeSamples         probe samples on the regular schedule
 * @param extraProbes          extra probe samples sent to narrow a transition ({@code steady-state.sharpen})
 * @param extraProbesPerSecond {@code extraProbes} per second of sampling
 */
public record SavedSampling(long everyMs, long lateTicks, long worstLagMs, Long probeSamples, Long extraProbes,
                            Double extraProbesPerSecond) {
    static SavedSampling of(JsonNode s) {
        JsonNode perSecond = s.get("extraProbesPerSecond");
        return new SavedSampling(s.path("everyMs").asLong(0), s.path("lateTicks").asLong(0),
                s.path("worstLagMs").asLong(0), SavedRun.millis(s, "probeSamples"), SavedRun.millis(s, "extraProbes"),
                perSecond == null || perSecond.isNull() ? null : perSecond.asDouble());
    }
}
