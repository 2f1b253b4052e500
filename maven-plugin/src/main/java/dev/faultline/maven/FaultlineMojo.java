package dev.faultline.maven;

import java.io.File;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/** What {@code faultline:run} and {@code faultline:verify} share: where the results and the record go, and skipping. */
abstract class FaultlineMojo extends AbstractMojo {
    /** Where the results go ({@code <reportDir>/<scenario>/result.json}, the suite's index.html) and the record. */
    @Parameter(property = "faultline.reportDir", defaultValue = "${project.build.directory}/faultline", required = true)
    File reportDir;

    /** Skips the suite: nothing is started, nothing verified. */
    @Parameter(property = "faultline.skip", defaultValue = "false")
    boolean skip;

    /** Skips the suite as it skips failsafe's integration tests. */
    @Parameter(property = "skipITs", defaultValue = "false")
    boolean skipITs;

    /** Skips the suite as it skips every test. */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    /** Skips the suite as it skips compiling and running tests. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean mavenTestSkip;

    /** Which flag skips this goal, or null when none does. */
    String skippedBy() {
        if (skip) {
            return "faultline.skip";
        }
        if (skipITs) {
            return "skipITs";
        }
        if (skipTests) {
            return "skipTests";
        }
        return mavenTestSkip ? "maven.test.skip" : null;
    }
}
