package dev.faultline.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

/** How a reaper judges whether a run is over, for runs with a lease and runs of harnesses before leases. */
class ReaperTest {
    private static final long NOW = 1_800_000_000L;
    private static final LongSupplier ENGINE_CLOCK = () -> NOW;

    private static Map<String, String> leasedRun(String runId) {
        Map<String, String> labels = new HashMap<>(Labels.forRun(runId));
        labels.put(Labels.OWNER_PID, "1"); // a pid of another PID namespace says nothing about a leased run
        labels.put(Labels.OWNER_STARTED, "0");
        return labels;
    }

    private static Map<String, Reaper.LeaseState> lease(String runId, String state, long created) {
        return Map.of(runId, new Reaper.LeaseState(state, created));
    }

    @Test
    void aLeasedRunIsAliveWhileItsLeaseRunsWhateverItsOwnerPidSays() {
        assertThat(Reaper.runIsOver(leasedRun("a"), lease("a", "running", NOW - 3600), ENGINE_CLOCK)).isFalse();
    }

    @Test
    void aLeasedRunIsOverOnceItsLeaseHasEnded() {
        assertThat(Reaper.runIsOver(leasedRun("a"), lease("a", "exited", NOW - 5), ENGINE_CLOCK)).isTrue();
    }

    @Test
    void aLeasedRunWithoutItsLeaseIsOver() {
        assertThat(Reaper.runIsOver(leasedRun("a"), lease("b", "running", NOW), ENGINE_CLOCK)).isTrue();
    }

    @Test
    void aLeaseCreatedButNotYetStartedHoldsItsRunForTheGraceOnly() {
        long grace = Reaper.LEASE_START_GRACE.toSeconds();

        assertThat(Reaper.runIsOver(leasedRun("a"), lease("a", "created", NOW - grace), ENGINE_CLOCK)).isFalse();
        assertThat(Reaper.runIsOver(leasedRun("a"), lease("a", "created", NOW - grace - 1), ENGINE_CLOCK)).isTrue();
    }

    @Test
    void aRunFromBeforeLeasesIsJudgedByItsOwnerProcess() {
        Map<String, String> ours = new HashMap<>(Labels.forRun("old"));
        ours.remove(Labels.OWNED_BY);
        Map<String, String> gone = new HashMap<>(ours);
        gone.put(Labels.OWNER_STARTED, "1"); // our pid, another start time: a process that reused the pid

        assertThat(Reaper.runIsOver(ours, Map.of(), ENGINE_CLOCK)).isFalse();
        assertThat(Reaper.runIsOver(gone, Map.of(), ENGINE_CLOCK)).isTrue();
    }
}
