package dev.faultline.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.faultline.engine.run.Verdict;

/**
 * Makes every scenario file in the named folders (or the named files) a test, run by Faultline's own JUnit Platform
 * test engine ({@code faultline}), which Maven Surefire and Failsafe, Gradle and IDEs find on the test classpath
 * beside JUnit Jupiter. The class needs no body:
 *
 * <pre>{@code
 * @FaultlineScenarios("src/test/chaos")                  // every *.yaml and *.yml directly in that folder
 * class ChaosIT {
 * }
 *
 * @FaultlineScenarios(value = "src/test/chaos/broken", expect = Verdict.FAILED)
 * class KnownWeaknessesIT {                               // these must fail: a fix makes the build say so
 * }
 * }</pre>
 *
 * Paths are relative to the working directory (the module's folder under Maven), as for the CLI; a folder gives its
 * {@code *.yaml} and {@code *.yml} files, sorted by name, not its sub-folders. The test tree:
 * <ul>
 *   <li>the class: every file is loaded and checked before anything starts; an invalid file fails the class with
 *       the loader's messages ({@code file:line:col field: expected ... but was ...}) and no scenario runs;</li>
 *   <li>one container per scenario (display name: the scenario's name, source: its file), which runs it with
 *       results under {@code target/faultline/<scenario>/} (configuration parameter or system property
 *       {@code faultline.reportDir} for another folder) and publishes {@code result.json}, {@code report.html}
 *       and the run's folder as file entries, and the folder as a report entry {@code faultline.results};</li>
 *   <li>under it, a test {@code verdict} that fails with the verdict's reason when the verdict is not
 *       {@link #expect()}, and, added once the run has ended, one test per objective check of the result (named as
 *       the check, e.g. {@code recovery.within}) that fails with {@code expected <= 15s but was 22.4s} when the check
 *       is violated and {@link #expect()} is {@code PASSED} (otherwise the checks are reported, not judged).</li>
 * </ul>
 * Scenario classes are found from class selectors (what Surefire and Failsafe send; their includes decide which
 * classes: {@code *IT} for Failsafe) and, for IDEs, from package, module and classpath-root selectors; there only
 * top-level classes are found, a nested class runs when it is selected by name. Class-name filters apply.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FaultlineScenarios {
    /** Scenario files, or folders of them, relative to the working directory. */
    String[] value();

    /** The verdict every scenario must come to; {@code FAILED} for scenarios that show a known weakness. */
    Verdict expect() default Verdict.PASSED;
}
