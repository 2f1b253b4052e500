/**
 * The drill history ({@link dev.faultline.reports.history.History}): every scenario run of a drill (and of
 * {@code faultline run}, when recorded) with its trend figures ({@link dev.faultline.reports.history.RunFigures}),
 * in an embedded H2 file or a PostgreSQL database, its schema kept by versioned migrations; and the one regression
 * rule that judges a drill against the median of earlier ones ({@link dev.faultline.reports.history.Regressions}).
 */
package dev.faultline.reports.history;
