package dev.faultline.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.Objective.Check;

class IntegrityObjectiveTest {
    private final IntegrityObjectiveType type = new IntegrityObjectiveType();

    private Objective configure(Object... keysAndValues) {
        return type.configure(MapParams.of("objectives.integrity", keysAndValues), Runs.SUPPORT_DESK);
    }

    private static Runs crashAt(long t) {
        return new Runs().api("++++++++").crash("kill-worker", "worker-0", t);
    }

    @Test
    void nothingLostAndNothingDuplicatedMeetsTheDefaults() {
        Runs run = crashAt(5_000).items("ok", 10, 1_000, 20, 202, 1);

        assertThat(configure().evaluate(run.run())).containsExactly(
                new Check("integrity.lost", "<= 0", "0", true),
                new Check("integrity.duplicated", "<= 0", "0", true));
    }

    @Test
    void lostItemsViolateTheObjective() {
        Runs run = crashAt(5_000).items("ok", 10, 1_000, 20, 202, 1).items("lost", 3, 2_000, 20, 202, 0);

        assertThat(configure().evaluate(run.run()))
                .contains(new Check("integrity.lost", "<= 0", "3", false));
    }

    @Test
    void lossesUpToTheLimitAreAllowed() {
        Runs run = crashAt(5_000).items("lost", 3, 2_000, 20, 202, 0);

        assertThat(configure("lost", 3).evaluate(run.run()))
                .contains(new Check("integrity.lost", "<= 3", "3", true));
    }

    @Test
    void duplicatedItemsViolateTheObjective() {
        Runs run = crashAt(5_000).items("twice", 2, 1_000, 20, 202, 2);

        assertThat(configure().evaluate(run.run()))
                .contains(new Check("integrity.duplicated", "<= 0", "2", false));
    }

    @Test
    void anRpoWithinTheLimitIsMet() {
        Runs run = crashAt(5_000).items("lost", 1, 4_200, 20, 202, 0);

        assertThat(configure("lost", 5, "rpo", "1s").evaluate(run.run()))
                .contains(new Check("integrity.rpo", "<= 1s", "800ms", true));
    }

    @Test
    void anRpoOverTheLimitIsViolated() {
        Runs run = crashAt(5_000).items("lost", 1, 3_000, 20, 202, 0);

        assertThat(configure("lost", 5, "rpo", "0s").evaluate(run.run()))
                .contains(new Check("integrity.rpo", "<= 0s", "2s", false));
    }

    @Test
    void theRpoIsJudgedOnlyWhenGiven() {
        assertThat(configure().evaluate(crashAt(5_000).run())).extracting(Check::name)
                .doesNotContain("integrity.rpo");
    }

    @Test
    void negativeLimitsAreRejected() {
        assertThatThrownBy(() -> configure("lost", -1))
                .hasMessage("objectives.integrity.lost: must be 0 or more, but was -1");
    }
}
