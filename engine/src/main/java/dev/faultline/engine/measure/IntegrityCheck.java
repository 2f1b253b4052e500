package dev.faultline.engine.measure;

import java.util.ArrayList;
import java.util.List;

import dev.faultline.engine.timeline.FaultWindow;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;

/** Counts what happened to the load's work, from the ledger (see {@link IntegrityMeasure}). */
final class IntegrityCheck {
    private IntegrityCheck() {
    }

    static IntegrityMeasure of(RunRecord run) {
        Ledger ledger = run.ledger();
        long faultStart = run.faults().stream().filter(FaultWindow::injected).mapToLong(FaultWindow::injectedAt)
                .min().orElse(0);
        long accepted = 0;
        long completed = 0;
        long duplicated = 0;
        long rpo = 0;
        long firstLost = Long.MAX_VALUE;
        long lastLost = Long.MIN_VALUE;
        List<String> lostIds = new ArrayList<>();
        List<String> duplicatedIds = new ArrayList<>();
        for (Ledger.WorkItem item : ledger) {
            if (item.completions() > 1) {
                duplicated++;
                if (duplicatedIds.size() < Measurements.MAX_IDS) {
                    duplicatedIds.add(item.id());
                }
            }
            if (!item.accepted()) {
                continue;
            }
            accepted++;
            if (item.completions() > 0) {
                completed++;
                continue;
            }
            if (lostIds.size() < Measurements.MAX_IDS) {
                lostIds.add(item.id());
            }
            rpo = Math.max(rpo, Math.max(0, faultStart - item.answeredAt()));
            firstLost = Math.min(firstLost, item.answeredAt());
            lastLost = Math.max(lastLost, item.answeredAt());
        }
        long lost = accepted - completed;
        IntegrityMeasure.LossWindow window = lost == 0 ? null : new IntegrityMeasure.LossWindow(firstLost, lastLost);
        return new IntegrityMeasure(accepted, completed, lost, duplicated, ledger.unknownCompletions().size(), rpo,
                window, lostIds, duplicatedIds);
    }
}
