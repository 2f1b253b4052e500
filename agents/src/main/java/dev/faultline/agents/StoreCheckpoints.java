package dev.faultline.agents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's {@link Tally} of its completed tasks, checkpointed in the store ({@code CHECKPOINT_STORE=on}): versioned
 * rows of {@code checkpoints (owner, version, state, sha256, written_at)}, owner = the worker id.
 *
 * <p>Before the worker consumes, {@link #restore} reads its checkpoints newest first and takes the newest whose hash
 * matches its state ({@code VERIFY_CHECKPOINTS=on}; every newer one is logged as corrupt), or the newest as it is
 * ({@code off}: a negative control, whatever numbers it holds), then replays the store: every completion of this
 * worker numbered above the checkpoint's {@code through} is added. From then on each completion this worker really
 * inserts adds one ({@link #record}), and a new version is written at most every {@value #WRITE_EVERY_MS} ms when the
 * tally changed; the newest {@value #KEEP} versions are kept.
 *
 * <p>A checkpoint must never count a completion numbered above its {@code through} nor miss one below it, though
 * concurrent inserts get their numbers in one order and commit in another. So an insert and its count hold a shared
 * lock, and the tally to write is read under the exclusive one: then every insert of this worker that has a number up
 * to {@code through} has committed and is counted, and every later one gets a higher number.
 */
final class StoreCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreCheckpoints.class);
    static final int KEEP = 16;
    static final long WRITE_EVERY_MS = 1000;

    /** Where the checkpoints and the completions live; every method runs on a connection of the store. */
    interface Table {
        /** This owner's checkpoints, newest (highest version) first. */
        List<Tally.Stored> newestFirst(Connection c, String owner) throws SQLException;

        /** Writes the next version of this owner's checkpoint, deletes all but the newest {@value #KEEP}. */
        long write(Connection c, String owner, Tally tally) throws SQLException;

        /** This owner's completions numbered above {@code after}: how many, and the highest number (or after). */
        Tally since(Connection c, String owner, long after) throws SQLException;
    }

    private final Store store;
    private final String owner;
    private final String insertReturningSeq;
    private final boolean verify;
    private final Table table;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "checkpoint-writer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile Tally tally = Tally.ZERO; // changed under the shared lock by one insert at a time (synchronized)
    private volatile boolean restored;
    private volatile Optional<Long> restoredFrom = Optional.empty();
    private Tally lastWritten; // writer thread only

    /**
     * {@code insert}: the worker's completion insert with the parameters task id and worker id; it gets
     * {@code RETURNING seq} appended, so it answers a row only when it really inserted one.
     */
    StoreCheckpoints(Store store, String owner, String insert, boolean verify, Table table) {
        this.store = store;
        this.owner = owner;
        this.insertReturningSeq = insert + " RETURNING seq";
        this.verify = verify;
        this.table = table;
    }

    /** Writes a new version every {@value #WRITE_EVERY_MS} ms while the tally changes; only once restored. */
    void start() {
        writer.scheduleWithFixedDelay(this::writeIfChanged, WRITE_EVERY_MS, WRITE_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    boolean restored() {
        return restored;
    }

    /** Completed tasks counted so far (restored, replayed and recorded since), or empty until restored. */
    Optional<Long> completed() {
        return restored ? Optional.of(tally.completed()) : Optional.empty();
    }

    Tally tally() {
        return tally;
    }

    /** The version restored from, empty when none was (none stored, none intact) or not restored yet. */
    Optional<Long> restoredFrom() {
        return restoredFrom;
    }

    long written() {
        return written.get();
    }

    long failures() {
        return failures.get();
    }

    /** Restores the tally from the newest usable checkpoint and replays the completions after it. Once. */
    synchronized void restore() throws StoreUnavailableException, SQLException {
        if (restored) {
            return;
        }
        List<Tally.Stored> stored = store.call(c -> table.newestFirst(c, owner));
        Tally.Restored from = Tally.choose(owner, stored, verify, log::error);
        Tally replayed = store.call(c -> table.since(c, owner, from.tally().through()));
        tally = from.tally().plus(replayed.completed(), replayed.through());
        restoredFrom = from.version();
        restored = true;
        log.info("restored the tally of {} from {}{}: {} completed through #{}, {} more replayed from the store; now {}"
                + " completed through #{}", owner, from.version().map(v -> "checkpoint version " + v).orElse("zero"),
                verify ? "" : " (VERIFY_CHECKPOINTS=off: taken as it is)", from.tally().completed(),
                from.tally().through(), replayed.completed(), tally.completed(), tally.through());
    }

    /** Records one completion of {@code taskId}: inserts it and counts it if it was inserted; returns rows inserted. */
    int record(Connection c, String taskId) throws SQLException {
        lock.readLock().lock();
        try (PreparedStatement ps = c.prepareStatement(insertReturningSeq)) {
            ps.setString(1, taskId);
            ps.setString(2, owner);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return 0; // a conflict: already completed, nothing inserted
                }
                long seq = rs.getLong(1);
                synchronized (this) {
                    tally = tally.plus(1, seq);
                }
                return 1;
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Writes a new version if the tally changed since the last one written; a failure is counted and logged once. */
    void writeIfChanged() {
        if (!restored) {
            return;
        }
        Tally now;
        lock.writeLock().lock();
        try {
            now = tally;
        } finally {
            lock.writeLock().unlock();
        }
        if (now.equals(lastWritten)) {
            return;
        }
        try {
            store.call(c -> table.write(c, owner, now));
            lastWritten = now;
            written.incrementAndGet();
            if (failing.compareAndSet(true, false)) {
                log.info("checkpoints of {} are written to the store again", owner);
            }
        } catch (StoreUnavailableException | SQLException | RuntimeException e) {
            failures.incrementAndGet();
            if (failing.compareAndSet(false, true)) {
                log.warn("cannot write the checkpoint of {} to the store ({}); retrying every {} ms", owner,
                        e.getMessage(), WRITE_EVERY_MS);
            }
        }
    }

    /** Stops writing, after a last write of what changed. */
    @Override
    public void close() {
        writer.shutdownNow();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        writeIfChanged();
    }

    /** The checkpoints in table {@value Schema#CHECKPOINTS}, the completions in the worker's completions table. */
    static final class InStore implements Table {
        private final String completions;

        InStore(String completions) {
            this.completions = completions;
        }

        @Override
        public List<Tally.Stored> newestFirst(Connection c, String owner) throws SQLException {
            List<Tally.Stored> stored = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT version, state::text, sha256 FROM "
                    + Schema.CHECKPOINTS + " WHERE owner = ? ORDER BY version DESC")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(new Tally.Stored(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return stored;
        }

        @Override
        public long write(Connection c, String owner, Tally tally) throws SQLException {
            long version;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Schema.CHECKPOINTS
                    + " (owner, version, state, sha256) SELECT ?, coalesce(max(version), 0) + 1, ?::jsonb, ? FROM "
                    + Schema.CHECKPOINTS + " WHERE owner = ? RETURNING version")) {
                ps.setString(1, owner);
                ps.setString(2, tally.json());
                ps.setString(3, tally.sha256());
                ps.setString(4, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    version = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + Schema.CHECKPOINTS
                    + " WHERE owner = ? AND version <= ?")) {
                ps.setString(1, owner);
                ps.setLong(2, version - KEEP);
                ps.executeUpdate();
            }
            return version;
        }

        @Override
        public Tally since(Connection c, String owner, long after) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(max(seq), ?) FROM " + completions
                    + " WHERE worker = ? AND seq > ?")) {
                ps.setLong(1, after);
                ps.setString(2, owner);
                ps.setLong(3, after);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Tally(rs.getLong(1), rs.getLong(2));
                }
            }
        }
    }
}
