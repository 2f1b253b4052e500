/**
 * A run as its folder saved it ({@link dev.faultline.reports.saved.SavedRun}): every report is built from this alone.
 */
package dev.faultline.reports.saved;
