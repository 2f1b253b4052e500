package dev.faultline.engine.measure;

import java.util.List;

/**
 * What happened to the work the load submitted, from the ledger.
 *
 * @param accepted         items answered 2xx
 * @param completed        accepted items the system reported complete at least once
 * @param lost             accepted items never reported complete
 * @param duplicated       items (accepted or not) reported complete more than once
 * @param unknownCompleted ids reported complete that the load never submitted
 * @param rpoMs            at the first fault's injection, the age of the oldest lost item (items accepted after it
 *                         count as age 0); 0 when nothing was lost or no fault was injected
 * @param lossWindow       acceptance times of the first and last lost item; null when nothing was lost
 * @param lostIds          the first {@value Measurements#MAX_IDS} lost ids, in submission order
 * @param duplicatedIds    the first {@value Measurements#MAX_IDS} duplicated ids, in submission order
 */
public record IntegrityMeasure(long accepted, long completed, long lost, long duplicated, long unknownCompleted,
                               long rpoMs, LossWindow lossWindow, List<String> lostIds, List<String> duplicatedIds) {

    public IntegrityMeasure {
        lostIds = List.copyOf(lostIds);
        duplicatedIds = List.copyOf(duplicatedIds);
    }

    /** When the lost work was accepted: {@code from} the first lost item's answer to the last one's. */
    public record LossWindow(long from, long to) {
    }
}
