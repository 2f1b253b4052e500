package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link TwoPhaseCommit} against two in-memory stores that behave as PostgreSQL does with prepared
 * transactions (a prepared row is invisible and holds its key), on one fake clock. A coordinator "killed" inside the
 * commit window stops where it is ({@link Killed}); whatever it prepared stays prepared, as it would in the stores.
 */
class TwoPhaseCommitTest {
    private static final Duration COMMIT_DELAY = Duration.ofMillis(500);
    private static final Duration PAST_IN_DOUBT = COMMIT_DELAY.plusSeconds(TwoPhaseCommit.GRACE_SECONDS + 1);

    private final AtomicLong clockMs = new AtomicLong(1_000_000);
    private final FakeDb completionsDb = new FakeDb("completions");
    private final FakeDb accountsDb = new FakeDb("accounts");
    private final FakeLog decisions = new FakeLog();
    private final AtomicInteger txIds = new AtomicInteger();
    private TwoPhaseCommit coordinator;

    /** What ends a coordinator mid-protocol: its thread stops there, nothing after runs. */
    private static final class Killed extends RuntimeException {
        Killed() {
            super("killed");
        }
    }

    @AfterEach
    void close() {
        if (coordinator != null) {
            coordinator.close();
        }
    }

    private TwoPhaseCommit coordinator(boolean twoPhase, TwoPhaseCommit.Pause pause) {
        return new TwoPhaseCommit(completionsDb, accountsDb, decisions, twoPhase, COMMIT_DELAY, "worker-0", pause,
                () -> TwoPhaseCommit.ID_PREFIX + txIds.incrementAndGet());
    }

    private TwoPhaseCommit healthy(boolean twoPhase) {
        return coordinator(twoPhase, d -> clockMs.addAndGet(d.toMillis()));
    }

    private static TwoPhaseCommit.Pause killedInTheWindow() {
        return d -> {
            throw new Killed();
        };
    }

    private void advance(Duration d) {
        clockMs.addAndGet(d.toMillis());
    }

    @Test
    void aRecordedTaskIsCommittedInBothStoresAndNothingStaysPrepared() throws Exception {
        int inserted = healthy(true).record("t-1");

        assertThat(inserted).isEqualTo(1);
        assertThat(completionsDb.committed).containsExactly("t-1");
        assertThat(accountsDb.committed).containsExactly("t-1");
        assertThat(completionsDb.prepared).isEmpty();
        assertThat(accountsDb.prepared).isEmpty();
        assertThat(decisions.decided).containsEntry("fl2pc-1", TwoPhaseCommit.Decision.COMMIT);
    }

    @Test
    void aCoordinatorKilledBeforeItsDecisionLeavesBothBranchesInDoubtAndTheSweepRollsThemBack() throws Exception {
        assertThatThrownBy(() -> coordinator(true, killedInTheWindow()).record("t-1")).isInstanceOf(Killed.class);
        assertThat(completionsDb.prepared).containsKey("fl2pc-1");
        assertThat(accountsDb.prepared).containsKey("fl2pc-1");

        TwoPhaseCommit survivor = healthy(true);
        // redelivered while in doubt: the prepared branch holds the task's key
        assertThatThrownBy(() -> survivor.record("t-1")).isInstanceOf(StoreUnavailableException.class);
        survivor.sweep(); // too young to be in doubt: left to its coordinator
        assertThat(completionsDb.prepared).containsKey("fl2pc-1");

        advance(PAST_IN_DOUBT);
        survivor.sweep();

        assertThat(decisions.decided).containsEntry("fl2pc-1", TwoPhaseCommit.Decision.ABORT);
        assertThat(completionsDb.prepared).isEmpty();
        assertThat(accountsDb.prepared).isEmpty();
        assertThat(completionsDb.committed).isEmpty();
        assertThat(accountsDb.committed).isEmpty();
        assertThat(survivor.state()).containsEntry("recoveredRolledBack", 2L).containsEntry("recoveredCommitted", 0L);

        survivor.record("t-1"); // the redelivery, once resolved
        assertThat(completionsDb.committed).containsExactly("t-1");
        assertThat(accountsDb.committed).containsExactly("t-1");
    }

    @Test
    void aCoordinatorKilledAfterDecidingCommitHasBothBranchesCommittedByTheSweep() throws Exception {
        decisions.killAfterWriting = true;
        assertThatThrownBy(() -> healthy(true).record("t-1")).isInstanceOf(Killed.class);
        decisions.killAfterWriting = false;
        assertThat(completionsDb.committed).isEmpty();

        advance(PAST_IN_DOUBT);
        TwoPhaseCommit survivor = healthy(true);
        survivor.sweep();

        assertThat(completionsDb.committed).containsExactly("t-1");
        assertThat(accountsDb.committed).containsExactly("t-1");
        assertThat(completionsDb.prepared).isEmpty();
        assertThat(accountsDb.prepared).isEmpty();
        assertThat(survivor.state()).containsEntry("recoveredCommitted", 2L);
    }

    @Test
    void aCoordinatorThatComesToDecideAfterASweepAbortedItsTransactionRollsBackAndCommitsNothing() {
        TwoPhaseCommit sweeper = healthy(true);
        TwoPhaseCommit slow = coordinator(true, d -> {
            advance(PAST_IN_DOUBT); // stalled in its window long enough to look dead
            sweeper.sweep();
        });

        assertThatThrownBy(() -> slow.record("t-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("decided abort by a recovery sweep");

        assertThat(completionsDb.committed).isEmpty();
        assertThat(accountsDb.committed).isEmpty();
        assertThat(completionsDb.prepared).isEmpty();
        assertThat(accountsDb.prepared).isEmpty();
    }

    @Test
    void aBranchThatCannotPrepareHasTheOtherRolledBackAtOnce() {
        accountsDb.refuse = true;

        assertThatThrownBy(() -> healthy(true).record("t-1")).isInstanceOf(StoreUnavailableException.class);

        assertThat(completionsDb.prepared).isEmpty();
        assertThat(completionsDb.committed).isEmpty();
        assertThat(decisions.decided).isEmpty();
    }

    @Test
    void withoutTheProtocolAKillBetweenTheCommitsLeavesTheTaskCompletedAndNeverBooked() throws Exception {
        assertThatThrownBy(() -> coordinator(false, killedInTheWindow()).record("t-1")).isInstanceOf(Killed.class);

        TwoPhaseCommit survivor = healthy(false);
        int inserted = survivor.record("t-1"); // the redelivery: found completed, so done
        advance(PAST_IN_DOUBT);
        survivor.sweep();

        assertThat(inserted).isZero();
        assertThat(completionsDb.committed).containsExactly("t-1");
        assertThat(accountsDb.committed).as("half-committed: never booked").isEmpty();
        assertThat(survivor.state()).containsEntry("notBooked", 1L);
    }

    @Test
    void theStateReportsThisWorkersBookingsOnceCounted() throws Exception {
        coordinator = healthy(true);
        coordinator.record("t-1");
        coordinator.record("t-2");

        coordinator.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> coordinator.booked().isPresent());
        assertThat(coordinator.booked().getAsLong()).isEqualTo(2L);
        assertThat(coordinator.state()).containsEntry("booked", 2L).containsEntry("committed", 2L);
    }

    /** A store as PostgreSQL is with prepared transactions: prepared rows are invisible and hold their task's key. */
    private final class FakeDb implements TwoPhaseCommit.Branch {
        private final String name;
        final Set<String> committed = new TreeSet<>();
        final Map<String, String> prepared = new LinkedHashMap<>(); // transaction id -> task
        final Map<String, Long> preparedAt = new HashMap<>();
        final Map<String, String> workerOf = new HashMap<>();
        boolean refuse;

        FakeDb(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized int prepare(String txId, String taskId) throws StoreUnavailableException {
            if (refuse) {
                throw new StoreUnavailableException(name + " refused", null);
            }
            if (prepared.containsValue(taskId)) {
                throw new StoreUnavailableException("task " + taskId + " is held by a transaction in doubt", null);
            }
            prepared.put(txId, taskId);
            preparedAt.put(txId, clockMs.get());
            return committed.contains(taskId) ? 0 : 1;
        }

        @Override
        public synchronized int commitAlone(String taskId) {
            workerOf.put(taskId, "worker-0");
            return committed.add(taskId) ? 1 : 0;
        }

        @Override
        public synchronized boolean commitPrepared(String txId) {
            String task = prepared.remove(txId);
            if (task == null) {
                return false;
            }
            committed.add(task);
            workerOf.put(task, "worker-0");
            return true;
        }

        @Override
        public synchronized boolean rollbackPrepared(String txId) {
            return prepared.remove(txId) != null;
        }

        @Override
        public synchronized Set<String> preparedBefore(Duration age) {
            Set<String> ids = new TreeSet<>();
            for (String txId : prepared.keySet()) {
                if (preparedAt.get(txId) <= clockMs.get() - age.toMillis()) {
                    ids.add(txId);
                }
            }
            return ids;
        }

        @Override
        public synchronized long rowsOf(String worker) {
            return committed.stream().filter(t -> worker.equals(workerOf.get(t))).count();
        }
    }

    /** The decision log: the first decision written for a transaction holds. */
    private static final class FakeLog implements TwoPhaseCommit.DecisionLog {
        final Map<String, TwoPhaseCommit.Decision> decided = new HashMap<>();
        boolean killAfterWriting;

        @Override
        public synchronized TwoPhaseCommit.Decision decide(String txId, TwoPhaseCommit.Decision proposal)
                throws SQLException {
            decided.putIfAbsent(txId, proposal);
            if (killAfterWriting) {
                throw new Killed();
            }
            return decided.get(txId);
        }
    }
}
