/**
 * Saved runs as Allure results: {@link dev.faultline.reports.allure.AllureRun} is the one mapping (steps per phase,
 * fault and objective check; attachments; labels), {@link dev.faultline.reports.allure.AllureResults} writes a
 * suite's {@code allure-results/} and describes a run to the JUnit 5 test it ran in.
 */
package dev.faultline.reports.allure;
