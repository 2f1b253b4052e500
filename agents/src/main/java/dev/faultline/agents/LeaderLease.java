package dev.faultline.agents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The leader lease of the planners, held in the store: at most one replica leads (forwards plans) at a time.
 *
 * <p>One clock judges: the store's {@code now()}. Every replica makes one {@link #attempt} per round, a single
 * conditional upsert ({@link SqlTable#ATTEMPT}): it takes the lease when it is free (expired, or the very first), renews
 * it when this process holds it, and otherwise changes nothing; either way it answers the lease as it stands. The
 * term goes up by one on every takeover (a process that lets its own lease expire and takes it again gets a new term
 * too). A process is one holder: its {@code incarnation} is random, so a replica restarted under the same id never
 * renews the lease of its previous life.
 *
 * <p><b>Fencing:</b> this process counts its lease from the moment it <em>sent</em> the attempt (before the store read
 * its clock), so by its own monotonic clock the lease ends no later than it does in the store. {@link #leading()} is
 * false from then on, whether or not the renewal came back: a leader cut off from the store stops acting before
 * anyone else may take over.
 */
final class LeaderLease {
    /** The lease's name in the table: one lease for all planners. */
    static final String NAME = "planner";
    /**
     * How much longer than two renewal periods a holder may go without renewing before the others stop counting it
     * as live ({@link View#live()}): it renews once a period and they read once a period, so a renewal they see may be
     * up to two periods old (plus round trips) while the holder is well.
     */
    static final Duration LIVE_MARGIN = Duration.ofMillis(500);
    /** How long after a lease's end a passive replica tries to take it (the store's clock may lag a little). */
    static final Duration TAKEOVER_SLACK = Duration.ofMillis(20);

    /** The lease as the store answered it. {@code remainingMs} may be negative (expired); ages are by its clock. */
    record Held(String holder, String incarnation, long term, long remainingMs, long renewedAgoMs, boolean consuming) {
        Held {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(incarnation, "incarnation");
        }
    }

    /** One attempt: take or renew the lease for {@code lease}, recording whether the holder consumes its plans. */
    record Attempt(String holder, String incarnation, Duration lease, boolean mayCreate, boolean consuming) {}

    /** Where the lease lives. */
    @FunctionalInterface
    interface Table {
        /** Makes {@code attempt} and answers the lease as it stands afterwards; empty when there is none yet. */
        Optional<Held> attempt(Connection c, Attempt attempt) throws SQLException;
    }

    /**
     * What one replica knows of the lease: {@code GET /leader}.
     *
     * @param leader the holder's id, null when no lease is valid
     * @param term the lease's term (0: never held)
     * @param self this replica's id
     * @param leading this replica holds a valid lease
     * @param live a lease is valid and its holder renewed it within two renewal periods (plus {@link #LIVE_MARGIN})
     * @param consuming the holder consumes its plans: its own consumer, or what it said at its last renewal
     */
    record View(String leader, long term, String self, boolean leading, boolean live, boolean consuming) {
        /** A lease is valid, its holder is live and consumes: work flows through it. */
        boolean flowing() {
            return leader != null && live && consuming;
        }
    }

    private final Store store;
    private final Table table;
    private final String self;
    private final String incarnation = UUID.randomUUID().toString();
    private final Duration lease;
    private final Duration renew;
    private final long firstElectionAtNanos;
    private final LongSupplier nanoClock;

    private Held held; // guarded by this; null before the first answer
    private long sentAtNanos; // guarded by this: when the attempt answered by held was sent

    /**
     * {@code firstElectionDelay}: how long after now this replica waits before it may take the very first lease (zero
     * for the preferred replica); {@code nanoClock}: a monotonic clock ({@link System#nanoTime()}).
     */
    LeaderLease(Store store, Table table, String self, Duration lease, Duration renew, Duration firstElectionDelay,
            LongSupplier nanoClock) {
        this.store = store;
        this.table = table;
        this.self = self;
        this.lease = lease;
        this.renew = renew;
        this.nanoClock = nanoClock;
        this.firstElectionAtNanos = nanoClock.getAsLong() + firstElectionDelay.toNanos();
    }

    /** The lease of the planners configured by {@code config}, held in {@code store}'s {@code leases} table. */
    static LeaderLease of(AgentConfig config, Store store) {
        AgentConfig.Leadership l = config.leadership();
        boolean preferred = l.preferred().map(config.workerId()::equals).orElse(true);
        return new LeaderLease(store, new SqlTable(), config.workerId(), l.lease(), l.renew(),
                preferred ? Duration.ZERO : l.firstElectionDelay(), System::nanoTime);
    }

    String self() {
        return self;
    }

    /**
     * One round trip to the store: take or renew the lease (telling whether this process consumes its plans), and
     * learn who holds it. Returns the term this process leads in, or 0 when it does not lead.
     */
    long attempt(boolean consuming) throws StoreUnavailableException, SQLException {
        long sent = nanoClock.getAsLong();
        Attempt a = new Attempt(self, incarnation, lease, sent - firstElectionAtNanos >= 0, consuming);
        Optional<Held> answer = store.call(c -> table.attempt(c, a));
        synchronized (this) {
            held = answer.orElse(null);
            sentAtNanos = sent;
        }
        return leading() ? answer.get().term() : 0;
    }

    /** This process holds the lease, and by its own clock the lease has not ended yet: it may act as the leader. */
    synchronized boolean leading() {
        return mine() && valid();
    }

    /** What this replica knows of the lease now; {@code consumingHere}: whether its own consumer is active. */
    synchronized View view(boolean consumingHere) {
        if (held == null || !valid()) {
            return new View(null, held == null ? 0 : held.term(), self, false, false, false);
        }
        boolean mine = mine();
        long renewedAgoMs = held.renewedAgoMs() + elapsedMs();
        boolean live = mine || renewedAgoMs <= liveWithin().toMillis();
        return new View(held.holder(), held.term(), self, mine, live, mine ? consumingHere : held.consuming());
    }

    /**
     * When to make the next attempt: a renewal period from now, or, while another holds the lease, just after it ends
     * if that is sooner, so a passive replica takes over within {@link #TAKEOVER_SLACK} of the lease's end.
     */
    synchronized Duration nextAttemptIn() {
        if (held == null || mine()) {
            return renew;
        }
        long untilEndMs = held.remainingMs() - elapsedMs() + TAKEOVER_SLACK.toMillis();
        return Duration.ofMillis(Math.max(0, Math.min(untilEndMs, renew.toMillis())));
    }

    /** How recent a renewal must be for its holder to count as live: two renewal periods and {@link #LIVE_MARGIN}. */
    Duration liveWithin() {
        return renew.multipliedBy(2).plus(LIVE_MARGIN);
    }

    private boolean mine() {
        return held != null && held.incarnation().equals(incarnation);
    }

    /** The lease has not ended by this process's clock, counted from when the attempt was sent. */
    private boolean valid() {
        return elapsedMs() < held.remainingMs();
    }

    private long elapsedMs() {
        return Duration.ofNanos(nanoClock.getAsLong() - sentAtNanos).toMillis();
    }

    /** The lease in PostgreSQL's {@code leases} table ({@link Schema}). */
    static final class SqlTable implements Table {
        /** The lease as {@link Held} reads it: remaining time and age of the last renewal in ms, by {@code now()}. */
        private static final String COLUMNS = "holder, incarnation, term,"
                + " (extract(epoch FROM expires_at - now()) * 1000)::bigint,"
                + " (extract(epoch FROM now() - renewed_at) * 1000)::bigint, consuming";
        /**
         * Insert the first lease (only when allowed), take an expired one (term + 1), or renew our own; then answer the
         * row as it stands. One statement, one transaction, one clock ({@code now()}, the same for every reference in
         * it). Parameters: name, holder, incarnation, lease ms, consuming, may create, name, name.
         */
        static final String ATTEMPT = "WITH attempt AS ("
                + " INSERT INTO leases AS l (name, holder, incarnation, term, expires_at, renewed_at, consuming)"
                + " SELECT ?, ?, ?, 1, now() + ? * interval '1 millisecond', now(), ?"
                + " WHERE ? OR EXISTS (SELECT 1 FROM leases WHERE name = ?)"
                + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, incarnation = EXCLUDED.incarnation,"
                + " term = CASE WHEN l.incarnation = EXCLUDED.incarnation AND l.expires_at > now()"
                + " THEN l.term ELSE l.term + 1 END,"
                + " expires_at = EXCLUDED.expires_at, renewed_at = now(), consuming = EXCLUDED.consuming"
                + " WHERE l.incarnation = EXCLUDED.incarnation OR l.expires_at <= now()"
                + " RETURNING holder, incarnation, term, expires_at, renewed_at, consuming)"
                + " SELECT " + COLUMNS + " FROM attempt"
                + " UNION ALL SELECT " + COLUMNS + " FROM leases WHERE name = ? AND NOT EXISTS (SELECT 1 FROM attempt)";

        @Override
        public Optional<Held> attempt(Connection c, Attempt a) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(ATTEMPT)) {
                ps.setString(1, NAME);
                ps.setString(2, a.holder());
                ps.setString(3, a.incarnation());
                ps.setLong(4, a.lease().toMillis());
                ps.setBoolean(5, a.consuming());
                ps.setBoolean(6, a.mayCreate());
                ps.setString(7, NAME);
                ps.setString(8, NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Held(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getBoolean(6)));
                }
            }
        }
    }
}
