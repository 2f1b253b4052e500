package dev.faultline.agents;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a task's completion in two stores as one: its row in {@code completions} (the store) and its row in
 * {@code accounts} (the second store, {@code ACCOUNTS_HOST}). The worker is the coordinator.
 *
 * <p><b>Two-phase commit</b> ({@code TWO_PHASE=on}, the default): both branches are done in transactions of their
 * own and prepared ({@code PREPARE TRANSACTION}, durable, holding their locks) under one transaction id; after
 * {@code COMMIT_DELAY} (the coordinator's round trip collecting the votes) the decision {@code commit} is written to
 * the decision log ({@code decisions} in the store, first decision per transaction wins), then both are committed
 * ({@code COMMIT PREPARED}). A branch that fails to prepare rolls back whatever was prepared. Presumed abort: a
 * prepared transaction without a commit decision is rolled back, never committed.
 *
 * <p><b>Recovery sweep</b>: every second, and at start, any worker looks for prepared branches of this protocol older
 * than {@code COMMIT_DELAY} + {@value #GRACE_SECONDS} s (by each store's own clock) in both stores: in doubt, their
 * coordinator died or lost its store. For each it writes the decision {@code abort} unless a decision exists, and
 * resolves every branch by the decision that holds: commit if decided, roll back otherwise. A slow coordinator that
 * comes to decide after a sweep finds {@code abort} and rolls back; nothing is ever half-committed.
 *
 * <p><b>{@code TWO_PHASE=off}</b> (a negative control; also with {@code SAFEGUARDS=off}): no protocol. The completion
 * is committed, then, after {@code COMMIT_DELAY}, the booking in a transaction of its own. As in the single-store
 * worker, the completion is the record of the task being done: a redelivered task whose completion is already
 * recorded is done, and is acked without booking. A worker killed between the two commits leaves the task
 * half-committed for good: completed, never booked.
 */
final class TwoPhaseCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TwoPhaseCommit.class);
    static final String ID_PREFIX = "fl2pc-";
    static final long GRACE_SECONDS = 3;
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    /** The outcome of one transaction, as the decision log holds it. */
    enum Decision {
        COMMIT, ABORT;

        String id() {
            return this == COMMIT ? "commit" : "abort";
        }

        static Decision of(String id) {
            return "commit".equals(id) ? COMMIT : ABORT;
        }
    }

    /** One store's part of a completion, in transactions prepared under a transaction id. */
    interface Branch {
        /** {@code completions} or {@code accounts}. */
        String name();

        /** Does this branch's part of the task and prepares it under {@code txId}; the rows it inserted. */
        int prepare(String txId, String taskId) throws StoreUnavailableException, SQLException;

        /** {@code TWO_PHASE=off}: does this branch's part in a transaction of its own, committed at once. */
        int commitAlone(String taskId) throws StoreUnavailableException, SQLException;

        /** Commits the branch prepared under {@code txId}; false when there is none (already resolved). */
        boolean commitPrepared(String txId) throws StoreUnavailableException, SQLException;

        /** Rolls back the branch prepared under {@code txId}; false when there is none. */
        boolean rollbackPrepared(String txId) throws StoreUnavailableException, SQLException;

        /** The transaction ids of this branch prepared at least {@code age} ago by the store's clock. */
        Set<String> preparedBefore(Duration age) throws StoreUnavailableException, SQLException;

        /** The rows this branch holds for tasks completed by {@code worker}. */
        long rowsOf(String worker) throws StoreUnavailableException, SQLException;
    }

    /** The coordinator's durable log of decisions. */
    interface DecisionLog {
        /** Writes {@code proposal} for {@code txId} unless a decision is there already; the decision that holds. */
        Decision decide(String txId, Decision proposal) throws StoreUnavailableException, SQLException;
    }

    /** Waits {@code COMMIT_DELAY}; tests make it fail, as a coordinator killed inside the window would. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final Branch completions;
    private final Branch accounts;
    private final DecisionLog decisions;
    private final boolean twoPhase;
    private final Duration commitDelay;
    private final String worker;
    private final Pause pause;
    private final Supplier<String> txIds;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();
    private final AtomicLong recoveredCommitted = new AtomicLong();
    private final AtomicLong recoveredRolledBack = new AtomicLong();
    private final AtomicLong notBooked = new AtomicLong();
    private volatile OptionalLong booked = OptionalLong.empty();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "two-phase-sweep");
        t.setDaemon(true);
        return t;
    });

    TwoPhaseCommit(Branch completions, Branch accounts, DecisionLog decisions, boolean twoPhase, Duration commitDelay,
            String worker, Pause pause, Supplier<String> txIds) {
        this.completions = Objects.requireNonNull(completions, "completions");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.twoPhase = twoPhase;
        this.commitDelay = Objects.requireNonNull(commitDelay, "commitDelay");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.txIds = Objects.requireNonNull(txIds, "txIds");
    }

    /** A fresh transaction id: {@value #ID_PREFIX} and a random UUID. */
    static String newTxId() {
        return ID_PREFIX + UUID.randomUUID();
    }

    /** Prepared branches younger than this are left to their coordinator. */
    Duration inDoubtAfter() {
        return commitDelay.plusSeconds(GRACE_SECONDS);
    }

    /** Sweeps now and every second after (two-phase only), and keeps the booked count fresh for the state. */
    void start() {
        sweeper.scheduleWithFixedDelay(this::sweepAndCount, 0, SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepAndCount() {
        if (twoPhase) {
            sweep();
        }
        try {
            booked = OptionalLong.of(accounts.rowsOf(worker));
        } catch (StoreUnavailableException | SQLException | RuntimeException e) {
            log.debug("cannot count the bookings of {}: {}", worker, e.getMessage());
        }
    }

    /**
     * Records the completion of {@code taskId} in both stores; the rows inserted into {@code completions} (0: the task
     * had completed before). Throws when it could not: nothing is committed then, or (two-phase, the outcome unknown)
     * the sweep resolves it.
     */
    int record(String taskId) throws StoreUnavailableException, SQLException, InterruptedException {
        return twoPhase ? recordTwoPhase(taskId) : recordOneAfterTheOther(taskId);
    }

    private int recordTwoPhase(String taskId) throws StoreUnavailableException, SQLException, InterruptedException {
        String txId = txIds.get();
        int inserted;
        try {
            inserted = completions.prepare(txId, taskId);
            accounts.prepare(txId, taskId);
        } catch (StoreUnavailableException | SQLException | RuntimeException e) {
            rollBackQuietly(txId); // no decision written: ours to roll back; what cannot be reached now, the sweep does
            throw e;
        }
        pause.pause(commitDelay); // killed in here: both prepared, undecided; the sweep rolls back, the task comes back
        Decision decision = decisions.decide(txId, Decision.COMMIT); // fails: the outcome is the sweep's to settle
        if (decision == Decision.ABORT) {
            rollBackQuietly(txId);
            throw new IllegalStateException("transaction " + txId + " of task " + taskId
                    + " was decided abort by a recovery sweep before its coordinator decided; rolled back");
        }
        for (Branch b : List.of(completions, accounts)) {
            try {
                b.commitPrepared(txId);
            } catch (StoreUnavailableException | SQLException | RuntimeException e) {
                log.warn("transaction {} of task {} is decided commit but its {} branch cannot be committed now ({});"
                        + " the recovery sweep commits it", txId, taskId, b.name(), e.getMessage());
            }
        }
        committed.incrementAndGet();
        return inserted;
    }

    private int recordOneAfterTheOther(String taskId)
            throws StoreUnavailableException, SQLException, InterruptedException {
        int inserted = completions.commitAlone(taskId);
        if (inserted == 0) {
            notBooked.incrementAndGet(); // recorded before: done, as far as this worker can tell (UNSAFE)
            return 0;
        }
        pause.pause(commitDelay); // killed in here: completed, never booked
        accounts.commitAlone(taskId);
        committed.incrementAndGet();
        return inserted;
    }

    private void rollBackQuietly(String txId) {
        for (Branch b : List.of(completions, accounts)) {
            try {
                if (b.rollbackPrepared(txId)) {
                    rolledBack.incrementAndGet();
                }
            } catch (StoreUnavailableException | SQLException | RuntimeException e) {
                log.debug("cannot roll back the {} branch of {} now; the sweep will: {}", b.name(), txId,
                        e.getMessage());
            }
        }
    }

    /** Resolves every branch in doubt in either store by the decision log: commit if decided, roll back otherwise. */
    void sweep() {
        Map<String, List<Branch>> inDoubt = new TreeMap<>();
        for (Branch b : List.of(completions, accounts)) {
            try {
                for (String txId : b.preparedBefore(inDoubtAfter())) {
                    inDoubt.computeIfAbsent(txId, id -> new ArrayList<>()).add(b);
                }
            } catch (StoreUnavailableException | SQLException | RuntimeException e) {
                log.debug("cannot look for transactions in doubt in {}: {}", b.name(), e.getMessage());
            }
        }
        for (Map.Entry<String, List<Branch>> e : inDoubt.entrySet()) {
            String txId = e.getKey();
            Decision decision;
            try {
                decision = decisions.decide(txId, Decision.ABORT);
            } catch (StoreUnavailableException | SQLException | RuntimeException ex) {
                log.debug("cannot read the decision log: {}", ex.getMessage());
                return; // undecidable while the log is away: the next sweep
            }
            for (Branch b : e.getValue()) {
                resolve(txId, b, decision);
            }
        }
    }

    private void resolve(String txId, Branch b, Decision decision) {
        try {
            boolean done = decision == Decision.COMMIT ? b.commitPrepared(txId) : b.rollbackPrepared(txId);
            if (done) {
                (decision == Decision.COMMIT ? recoveredCommitted : recoveredRolledBack).incrementAndGet();
                log.info("recovery sweep: {} branch of in-doubt transaction {} {} (decision log: {})", b.name(), txId,
                        decision == Decision.COMMIT ? "committed" : "rolled back",
                        decision == Decision.COMMIT ? "commit" : "no commit decision, presumed abort");
            }
        } catch (StoreUnavailableException | SQLException | RuntimeException ex) {
            log.debug("cannot resolve the {} branch of {} now: {}", b.name(), txId, ex.getMessage());
        }
    }

    /** The bookings of this worker in {@code accounts}, as last counted (empty until the first count). */
    OptionalLong booked() {
        return booked;
    }

    Map<String, Object> state() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", twoPhase ? "two-phase" : "one-after-the-other");
        json.put("committed", committed.get());
        json.put("rolledBack", rolledBack.get());
        json.put("recoveredCommitted", recoveredCommitted.get());
        json.put("recoveredRolledBack", recoveredRolledBack.get());
        json.put("notBooked", notBooked.get());
        json.put("booked", booked.isPresent() ? booked.getAsLong() : null);
        return json;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
