package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.Objective.Check;
import dev.faultline.engine.spi.StabilityRequirement;

class RecoveryObjectiveTest {
    private final RecoveryObjectiveType type = new RecoveryObjectiveType();

    private Objective configure(Object... keysAndValues) {
        return type.configure(MapParams.of("objectives.recovery", keysAndValues), Runs.SUPPORT_DESK);
    }

    /**
     * The probe fails 300..500 after a crash at 250 and passes from 600 on: back after the failure seen at 500 and by
     * the answer at 600 (+ 1 ms), so recovery 300ms ± 51ms (the middle of 250ms..351ms).
     */
    private static Runs crashRecoveredAfter300ms() {
        return new Runs().api("+++---" + "+".repeat(20)).crash("kill-worker", "worker-0", 250);
    }

    @Test
    void aFaultRecoveredWithinTheLimitMeetsTheObjective() {
        Objective recovery = configure("within", "1s", "stable-for", "1s");

        assertThat(Runs.evaluate(recovery, crashRecoveredAfter300ms().run()))
                .containsExactly(new Check("recovery[kill-worker]", "<= 1s", "300ms \u00b1 51ms", true));
    }

    @Test
    void aFaultRecoveredTooLateViolatesTheObjective() {
        Objective recovery = configure("within", "200ms", "stable-for", "1s");

        assertThat(Runs.evaluate(recovery, crashRecoveredAfter300ms().run()))
                .containsExactly(new Check("recovery[kill-worker]", "<= 200ms", "300ms \u00b1 51ms", false));
    }

    @Test
    void aRecoveryWhoseBoundStraddlesTheLimitFailsJudgedOnTheBoundAndSaysSo() {
        Objective recovery = configure("within", "320ms", "stable-for", "1s");

        assertThat(Runs.evaluate(recovery, crashRecoveredAfter300ms().run())).containsExactly(
                new Check("recovery[kill-worker]", "<= 320ms",
                        "300ms \u00b1 51ms (straddles the limit 320ms: the true value is 249ms..351ms)", false, true));
    }

    @Test
    void judgedOnTheMeasuredValueTheSameRecoveryPassesAndStillSaysItStraddles() {
        Objective recovery = configure("within", "320ms", "stable-for", "1s", "judge-on", "measured");

        assertThat(Runs.evaluate(recovery, crashRecoveredAfter300ms().run())).containsExactly(
                new Check("recovery[kill-worker]", "<= 320ms (measured value)",
                        "300ms \u00b1 51ms (straddles the limit 320ms: the true value is 249ms..351ms)", true, true));
    }

    @Test
    void judgeOnIsBoundOrMeasured() {
        assertThat(configure("within", "1s")).isEqualTo(
                new RecoveryObjective(Duration.ofSeconds(1), Duration.ofSeconds(3), TimeLimit.Judging.BOUND));
        assertThatThrownBy(() -> configure("within", "1s", "judge-on", "upper"))
                .hasMessageContaining("judge-on").hasMessageContaining("expected one of bound, measured but was 'upper'");
    }

    @Test
    void aFaultNeverRecoveredViolatesTheObjective() {
        Objective recovery = configure("within", "15s");

        assertThat(Runs.evaluate(recovery, new Runs().api("+++-------").crash("kill-worker", "worker-0", 250).run()))
                .containsExactly(new Check("recovery[kill-worker]", "<= 15s", "not recovered", false));
    }

    @Test
    void everyInjectedFaultIsCheckedOnItsOwn() {
        Objective recovery = configure("within", "1s", "stable-for", "1s");
        Runs run = crashRecoveredAfter300ms().window("broker-away", "rabbitmq", 1_000, 1_500);

        assertThat(Runs.evaluate(recovery, run.run())).extracting(Check::name)
                .containsExactly("recovery[kill-worker]", "recovery[broker-away]");
    }

    @Test
    void stableForDefaultsToThreeSeconds() {
        assertThat(((StabilityRequirement) configure("within", "15s")).stableFor()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theRunnerFindsStableForThroughTheScenariosObjectives() {
        Objective recovery = configure("within", "15s", "stable-for", "2s");

        assertThat(StabilityRequirement.resolve(new Runs().objective(recovery).run().scenario()))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withinIsRequired() {
        assertThatThrownBy(() -> configure("stable-for", "2s"))
                .hasMessageStartingWith("objectives.recovery.within: is required");
    }

    @Test
    void unknownFieldsAreRejected() {
        assertThatThrownBy(() -> configure("within", "15s", "stable", "2s"))
                .hasMessageStartingWith("objectives.recovery.stable: unknown field");
    }
}
