/**
 * A suite's reports, built from its saved runs alone: {@code index.html} (the RTO/RPO report across scenarios),
 * {@code summary.md} (the same, compact, for a CI job summary) and {@code junit.xml} (a testsuite per scenario, a
 * testcase per objective check). Entry point: {@link dev.faultline.reports.suite.SuiteReport}.
 */
package dev.faultline.reports.suite;
