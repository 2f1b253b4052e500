/**
 * A run's own {@code report.html} ({@link dev.faultline.reports.html.RunPage}): one self-contained page with the
 * timeline chart as inline SVG, built from a saved run alone.
 */
package dev.faultline.reports.html;
