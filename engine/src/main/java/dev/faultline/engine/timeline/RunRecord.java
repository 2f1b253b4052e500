package dev.faultline.engine.timeline;

import java.util.List;
import java.util.Map;

import dev.faultline.engine.model.Scenario;

/**
 * The facts one run produced: every objective and every report is a pure function of this.
 *
 * @param instances  service name -> its container instances ({@code worker -> [worker-0, worker-1]})
 * @param loadStart  ms on the timeline when the load began (fault offsets count from here); -1 if never
 * @param loadEnd    ms when the load stopped submitting; -1 if never
 * @param drainEnd   ms when the drain ended; -1 if never
 */
public record RunRecord(Scenario scenario, String runId, java.time.Instant startedAt, Timeline timeline, Ledger ledger,
                        List<FaultWindow> faults, Map<String, List<String>> instances, long loadStart, long loadEnd,
                        long drainEnd) {

    public RunRecord {
        faults = List.copyOf(faults);
        instances = Map.copyOf(instances);
    }

    /**
     * Whether the ledger's figures are final: the load ran and was drained, or the run never started a load. False
     * when the run stopped before its drain (halted, cancelled): work still in flight then counts as lost.
     */
    public boolean drained() {
        return drainEnd >= 0 || loadStart < 0;
    }

    /** Probe lanes ({@code probe:<name>}) in the order the scenario declares them. */
    public List<Lane> probeLanes() {
        return scenario.probes().stream().map(p -> Lane.probe(p.name())).toList();
    }
}
