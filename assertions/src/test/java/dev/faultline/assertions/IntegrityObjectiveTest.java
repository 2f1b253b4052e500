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

        assertThat(Runs.evaluate(configure(), run.run())).containsExactly(
                new Check("integrity.lost", "<= 0", "0", true),
                new Check("integrity.duplicated", "<= 0", "0", true));
    }

    @Test
    void lostItemsViolateTheObjective() {
        Runs run = crashAt(5_000).items("ok", 10, 1_000, 20, 202, 1).items("lost", 3, 2_000, 20, 202, 0);

        assertThat(Runs.evaluate(configure(), run.run()))
                .contains(new Check("integrity.lost", "<= 0", "3", false));
    }

    @Test
    void lossesUpToTheLimitAreAllowed() {
        Runs run = crashAt(5_000).items("lost", 3, 2_000, 20, 202, 0);

        assertThat(Runs.evaluate(configure("lost", 3), run.run()))
                .contains(new Check("integrity.lost", "<= 3", "3", true));
    }

    @Test
    void duplicatedItemsViolateTheObjective() {
        Runs run = crashAt(5_000).items("twice", 2, 1_000, 20, 202, 2);

        assertThat(Runs.evaluate(configure(), run.run()))
                .contains(new Check("integrity.duplicated", "<= 0", "2", false));
    }

    @Test
    void anRpoWithinTheLimitIsMet() {
        Runs run = crashAt(5_000).items("lost", 1, 4_200, 20, 202, 0);

        assertThat(Runs.evaluate(configure("lost", 5, "rpo", "1s"), run.run()))
                .contains(new Check("integrity.rpo", "<= 1s", "800ms", true));
    }

    @Test
    void anRpoOverTheLimitIsViolated() {
        Runs run = crashAt(5_000).items("lost", 1, 3_000, 20, 202, 0);

        assertThat(Runs.evaluate(configure("lost", 5, "rpo", "0s"), run.run()))
                .contains(new Check("integrity.rpo", "<= 0s", "2s", false));
    }

    @Test
    void theRpoIsJudgedOnlyWhenGiven() {
        assertThat(Runs.evaluate(configure(), crashAt(5_000).run())).extracting(Check::name)
                .doesNotContain("integrity.rpo");
    }

    @Test
    void negativeLimitsAreRejected() {
        assertThatThrownBy(() -> configure("lost", -1))
                .hasMessage("objectives.integrity.lost: must be 0 or more, but was -1");
    }

    /** Ten items accepted and completed once; the agents report their state after recovery. */
    private static Runs tenDoneWithState(long orchestratorCompletions, long worker1Pending) {
        return crashAt(5_000).items("ok", 10, 1_000, 20, 202, 1)
                .state("orchestrator", "accepted", 10, "completed", 10, "completions", orchestratorCompletions,
                        "pending", 0)
                .state("worker-0", "pending", 0).state("worker-1", "pending", worker1Pending);
    }

    @Test
    void agentsWhoseStateAgreesWithTheLedgerMeetTheStateCheck() {
        assertThat(Runs.evaluate(configure(), tenDoneWithState(10, 0).run())).contains(
                new Check("integrity.state[worker]", "as the ledger implies: pending 0", "pending 0", true),
                new Check("integrity.state[orchestrator]",
                        "as the ledger implies: accepted 10, completed 10, completions 10, pending 0",
                        "accepted 10, completed 10, completions 10, pending 0", true));
    }

    @Test
    void anAgentThatStillHoldsWorkViolatesTheStateCheck() {
        assertThat(Runs.evaluate(configure(), tenDoneWithState(10, 3).run())).contains(
                new Check("integrity.state[worker]", "as the ledger implies: pending 0",
                        "pending 3, the ledger implies 0", false));
    }

    @Test
    void completionsTheLedgerNeverSawViolateTheStateCheck() {
        assertThat(Runs.evaluate(configure(), tenDoneWithState(12, 0).run())).filteredOn(c -> !c.met())
                .extracting(Check::name, Check::actual)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("integrity.state[orchestrator]",
                        "completions 12, the ledger implies 10"));
    }

    @Test
    void theStateCheckCanBeSwitchedOff() {
        assertThat(Runs.evaluate(configure("state-agrees", false), tenDoneWithState(12, 3).run()))
                .extracting(Check::name).containsExactly("integrity.lost", "integrity.duplicated");
    }
}
