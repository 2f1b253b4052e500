package dev.faultline.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.faultline.engine.run.Verdict;

/**
 * A JUnit Jupiter test that runs scenarios through a {@link ScenarioRunner} parameter:
 *
 * <pre>{@code
 * class CheckoutChaosTest {
 *     @FaultlineTest
 *     void crashedWorkerRecovers(ScenarioRunner faultline) {
 *         RunResult result = faultline.run(Faultline.scenario("checkout-worker-crash")
 *                 .topology(Path.of("src/test/chaos/topologies/checkout.yaml"))
 *                 // ...
 *                 .build());
 *         assertThat(result).recoveredWithin(ofSeconds(15)).lostNothing();
 *     }
 *
 *     @FaultlineTest(expect = Verdict.FAILED)
 *     void withoutRetriesTheBrokerOutageLosesTasks(ScenarioRunner faultline) {
 *         faultline.run(Path.of("src/test/chaos/broker-outage-no-retry.yaml"));
 *     }
 * }
 * }</pre>
 *
 * Each run publishes its {@code result.json} and {@code report.html} as the test's files
 * ({@code <scenario>-result.json}, {@code <scenario>-report.html}) and its results folder as a report entry
 * {@code faultline.results}. After the test, every run whose verdict was not {@link #expect()} fails the test with
 * the verdict's reason (the violated objectives) and the results folder, <em>unless the test already failed</em>
 * (its own failure is then the one reported). As with {@link FaultlineExtension}, which this annotation also
 * registers, every Faultline assertion made in the test is checked when it ends, even one without
 * {@code assertAll()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith({FaultlineExtension.class, ScenarioRunnerExtension.class})
public @interface FaultlineTest {
    /** The verdict every run of the test must come to. */
    Verdict expect() default Verdict.PASSED;
}
