package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The planners' leader lease: who takes it, who renews it, when another takes over, and that a leader cut off from the
 * store stops leading by its own clock. One clock drives the store and both replicas (round trips take no time); the
 * lease lives in a table in memory that keeps the rule of {@link LeaderLease.SqlTable#ATTEMPT}.
 */
class LeaderLeaseTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration RENEW = Duration.ofSeconds(1);
    private static final Duration FIRST_ELECTION_DELAY = Duration.ofSeconds(10);

    private final AtomicLong nowMs = new AtomicLong(1_000_000);
    private final Leases table = new Leases();
    private final Store store = new FakeJdbc().store(true);

    /** The lease row in memory, judged by the shared clock: the rule of the SQL statement. */
    private final class Leases implements LeaderLease.Table {
        private LeaderLease.Attempt row; // the holder's last successful attempt
        private long term;
        private long expiresAtMs;
        private long renewedAtMs;
        private volatile boolean unreachable;

        @Override
        public synchronized Optional<LeaderLease.Held> attempt(Connection c, LeaderLease.Attempt a) throws SQLException {
            if (unreachable) {
                throw new SQLException("connection refused", "08001");
            }
            long now = nowMs.get();
            if (row == null ? a.mayCreate() : row.incarnation().equals(a.incarnation()) || expiresAtMs <= now) {
                boolean renewal = row != null && row.incarnation().equals(a.incarnation()) && expiresAtMs > now;
                term = row == null ? 1 : renewal ? term : term + 1;
                row = a;
                expiresAtMs = now + a.lease().toMillis();
                renewedAtMs = now;
            }
            return row == null ? Optional.empty() : Optional.of(new LeaderLease.Held(row.holder(), row.incarnation(),
                    term, expiresAtMs - now, now - renewedAtMs, row.consuming()));
        }
    }

    private LeaderLease replica(String id, Duration firstElectionDelay) {
        return new LeaderLease(store, table, id, LEASE, RENEW, firstElectionDelay, () -> nowMs.get() * 1_000_000);
    }

    private void pass(Duration d) {
        nowMs.addAndGet(d.toMillis());
    }

    @Test
    void thePreferredReplicaTakesTheFirstLeaseAsTermOne() throws Exception {
        LeaderLease planner0 = replica("planner-0", Duration.ZERO);

        assertThat(planner0.attempt(false)).isEqualTo(1);
        assertThat(planner0.leading()).isTrue();
        assertThat(planner0.view(true)).isEqualTo(new LeaderLease.View("planner-0", 1, "planner-0", true, true, true));
    }

    @Test
    void anotherReplicaTakesTheFirstLeaseOnlyAfterItsFirstElectionDelay() throws Exception {
        LeaderLease planner1 = replica("planner-1", FIRST_ELECTION_DELAY);

        pass(FIRST_ELECTION_DELAY.minusMillis(1));
        assertThat(planner1.attempt(false)).as("before the delay: no lease yet").isZero();
        assertThat(planner1.view(false).leader()).isNull();
        pass(Duration.ofMillis(1));
        assertThat(planner1.attempt(false)).as("the preferred replica never came").isEqualTo(1);
    }

    @Test
    void theLeaderRenewsItsLeaseInTheSameTermAndThePassiveReplicaStandsBy() throws Exception {
        LeaderLease planner0 = replica("planner-0", Duration.ZERO);
        LeaderLease planner1 = replica("planner-1", Duration.ZERO);
        planner0.attempt(false);

        for (int round = 0; round < 10; round++) {
            pass(RENEW);
            assertThat(planner0.attempt(true)).isEqualTo(1);
            assertThat(planner1.attempt(false)).isZero();
        }
        assertThat(planner1.leading()).isFalse();
        assertThat(planner1.view(false)).as("the passive replica's view")
                .isEqualTo(new LeaderLease.View("planner-0", 1, "planner-1", false, true, true));
    }

    @Test
    void thePassiveReplicaTakesOverOnlyOnceTheLeaseHasExpiredInTheNextTerm() throws Exception {
        LeaderLease planner0 = replica("planner-0", Duration.ZERO);
        LeaderLease planner1 = replica("planner-1", Duration.ZERO);
        planner0.attempt(true);
        // planner-0 is killed: it renews no more

        pass(LEASE.minusMillis(1));
        assertThat(planner1.attempt(false)).as("the lease still runs").isZero();
        pass(Duration.ofMillis(1));
        assertThat(planner1.attempt(false)).isEqualTo(2);
        assertThat(planner1.leading()).isTrue();
    }

    @Test
    void aPassiveReplicaWakesJustAfterTheLeaseEnds() throws Exception {
        LeaderLease planner0 = replica("planner-0", Duration.ZERO);
        LeaderLease planner1 = replica("planner-1", Duration.ZERO);
        planner0.attempt(true);
        pass(Duration.ofMillis(2_500));

        planner1.attempt(false);

        assertThat(planner1.nextAttemptIn()).isEqualTo(Duration.ofMillis(500).plus(LeaderLease.TAKEOVER_SLACK));
        assertThat(planner0.nextAttemptIn()).as("the leader renews every period").isEqualTo(RENEW);
    }

    @Test
    void aLeaderCutOffFromTheStoreStopsLeadingWhenItsLeaseEndsByItsOwnClock() throws Exception {
        LeaderLease planner0 = replica("planner-0", Duration.ZERO);
        planner0.attempt(true);
        table.unreachable = true;

        pass(RENEW);
        assertThatThrownBy(() -> planner0.attempt(true)).isInstanceOf(StoreUnavailableException.class);
        assertThat(planner0.leading()).as("within its lease").isTrue();
        pass(LEASE.minus(RENEW).minusMillis(1));
        assertThat(planner0.leading()).isTrue();
        pass(Duration.ofMillis(1));
        assertThat(planner0.leading()).as("its lease is over: it must stop acting").isFalse();
        assertThat(planner0.view(true).leader()).isNull();
    }

    @Test
    void aReplicaRestartedUnderTheSameIdDoesNotRenewItsPreviousLease() throws Exception {
        replica("planner-0", Duration.ZERO).attempt(true);
        LeaderLease restarted = replica("planner-0", Duration.ZERO);

        pass(RENEW);
        assertThat(restarted.attempt(false)).as("another process's lease").isZero();
        pass(LEASE);
        assertThat(restarted.attempt(false)).as("taken over once expired, in a new term").isEqualTo(2);
    }

    @Test
    void aHolderThatStopsRenewingIsNotLiveToTheOthersAfterTwoRenewalPeriodsAndTheMargin() throws Exception {
        LeaderLease planner0 = replica("planner-0", Duration.ZERO);
        LeaderLease planner1 = replica("planner-1", Duration.ZERO);
        planner0.attempt(true);
        planner1.attempt(false);

        pass(RENEW.multipliedBy(2).plus(LeaderLease.LIVE_MARGIN));
        assertThat(planner1.view(false).flowing()).as("still within the margin").isTrue();
        pass(Duration.ofMillis(1));
        LeaderLease.View view = planner1.view(false);
        assertThat(view.leader()).as("the lease is still valid").isEqualTo("planner-0");
        assertThat(view.live()).isFalse();
        assertThat(view.flowing()).isFalse();
    }

    @Test
    void aWellHolderStaysLiveToAReplicaThatReadsItARenewalPeriodAfterItsRenewal() throws Exception {
        LeaderLease planner0 = replica("planner-0", Duration.ZERO);
        LeaderLease planner1 = replica("planner-1", Duration.ZERO);
        planner0.attempt(true);

        for (int round = 0; round < 5; round++) { // each reads just before the other's next renewal
            pass(RENEW.minusMillis(1));
            planner1.attempt(false);
            pass(RENEW.minusMillis(1));
            assertThat(planner1.view(false).flowing()).as("round " + round).isTrue();
            planner0.attempt(true);
        }
    }

    @Test
    void aLeaderThatDoesNotConsumeIsNotFlowing() throws Exception {
        LeaderLease planner0 = replica("planner-0", Duration.ZERO);
        LeaderLease planner1 = replica("planner-1", Duration.ZERO);
        planner0.attempt(false);
        planner1.attempt(false);

        assertThat(planner0.view(false).flowing()).isFalse();
        assertThat(planner1.view(false).flowing()).as("what the leader said at its renewal").isFalse();
    }
}
