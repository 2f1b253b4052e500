package dev.faultline.agents;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts tasks over HTTP and hands them to the workers through the broker.
 *
 * <p>Safe ({@code SAFEGUARDS=on}): a task is stored before it is acknowledged with 202, and the {@link OutboxRelay}
 * publishes every stored task not yet confirmed by the broker. Unsafe: 202 at once, then a best-effort publish with
 * no confirms and no retry ({@link UnsafePublisher}).
 */
final class Orchestrator implements AutoCloseable {
    private static final String INSERT_TASK =
            "INSERT INTO tasks (id, payload) VALUES (?, ?::jsonb) ON CONFLICT (id) DO NOTHING";

    private final AgentConfig config;
    private final Store store;
    private final Broker broker;
    private final Resilience.Guard storeBreaker;
    private final BooleanSupplier storeKnownDown;
    private final OutboxRelay relay;
    private final UnsafePublisher unsafe;
    /** How long after its insert a completion is taken as committed by every reader (see {@link #settled}). */
    static final Duration SETTLED = Duration.ofSeconds(2);
    private final AtomicLong acceptedHere = new AtomicLong();
    /** CPU the orchestrator spends on each task before answering ({@code WORK_CPU}), e.g. validating it. */
    private final CpuWork requestWork;
    private final AtomicLong duplicatesHere = new AtomicLong();
    private volatile HttpApi api; // for the figures of its request threads in /state

    Orchestrator(AgentConfig config, Store store, Broker broker, BooleanSupplier storeKnownDown) {
        this.config = config;
        this.storeKnownDown = storeKnownDown;
        this.store = store;
        this.broker = broker;
        this.requestWork = new CpuWork(config.workCpu());
        this.storeBreaker = Resilience.storeGuard("orchestrator store", config);
        Optional<TaskDeadline> deadline = config.switches().taskDeadline();
        this.relay = config.safeguards() ? new OutboxRelay(store, broker, deadline) : null;
        this.unsafe = config.safeguards() ? null : new UnsafePublisher(broker, deadline, this::storeBestEffort);
    }

    void register(HttpApi api) {
        this.api = api;
        api.blocking("POST", "/tasks", this::postTask)
                .blocking("GET", "/results", this::results)
                .blocking("GET", "/state", request -> HttpApi.Response.ok(state()));
    }

    void start() {
        if (relay != null) {
            relay.start();
        } else {
            unsafe.start();
        }
    }

    HttpApi.Response postTask(HttpApi.Request request) throws Exception {
        TaskRequest task = TaskRequest.parse(request.body());
        requestWork.spend(task.id()); // WORK_CPU: its own CPU work on each task before answering (none by default)
        if (!config.safeguards()) {
            unsafe.submit(task); // 202 before anything is durable: the negative control
            acceptedHere.incrementAndGet();
            return new HttpApi.Response(202, new Json.Accepted(task.id()));
        }
        int inserted;
        try {
            inserted = guarded(() -> store.call(c -> {
                try (PreparedStatement ps = c.prepareStatement(INSERT_TASK)) {
                    ps.setString(1, task.id());
                    ps.setString(2, task.payloadJson());
                    return ps.executeUpdate();
                }
            }));
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) { // data exception, e.g. \u0000 in jsonb
                throw new BadRequestException("payload: cannot be stored: " + e.getMessage());
            }
            throw e;
        }
        if (inserted == 1) {
            acceptedHere.incrementAndGet();
            relay.wake();
        } else {
            duplicatesHere.incrementAndGet();
        }
        return new HttpApi.Response(202, new Json.Accepted(task.id()));
    }

    /**
     * {@code GET /results}: every task completed and how many times; with {@code ?after=<cursor>} (the cursor of a
     * previous answer) only the tasks with a completion recorded since, each with its total count.
     */
    HttpApi.Response results(HttpApi.Request request) throws Exception {
        String after = request.parameter("after");
        return HttpApi.Response.ok(results(after == null ? null : ResultsCursor.parse(after)));
    }

    /** Every completion ({@code after} null), or those of the tasks completed since {@code after}; and a cursor. */
    Json.Results results(ResultsCursor after) throws Exception {
        return guarded(() -> store.call(c -> {
            ResultsCursor from = after == null ? ResultsCursor.START : after;
            // first, so the rows the cursor covers are all visible to the read below
            ResultsCursor next = new ResultsCursor(settled(c, Schema.COMPLETIONS, from.safe()),
                    settled(c, Schema.COMPLETIONS_UNSAFE, from.unsafe()));
            List<Json.Completion> done = new ArrayList<>();
            String changed = after == null ? "" : " WHERE task_id IN (SELECT task_id FROM " + Schema.COMPLETIONS
                    + " WHERE seq > ? UNION SELECT task_id FROM " + Schema.COMPLETIONS_UNSAFE + " WHERE seq > ?)";
            try (PreparedStatement ps = c.prepareStatement("SELECT task_id, count(*) FROM " + Schema.ALL_COMPLETIONS
                    + changed + " GROUP BY task_id ORDER BY task_id")) {
                if (after != null) {
                    ps.setLong(1, after.safe());
                    ps.setLong(2, after.unsafe());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        done.add(new Json.Completion(rs.getString(1), rs.getLong(2)));
                    }
                }
            }
            return new Json.Results(done, next.toString());
        }));
    }

    /**
     * The highest {@code seq} of {@code table} recorded more than {@link #SETTLED} before now and before the oldest
     * prepared transaction of this database, or {@code from} when none is. Sequence numbers are taken before commit,
     * so a lower one may still become visible after a higher one. A completion is one short insert, so none is still
     * committing {@code SETTLED} after it started, except one whose transaction was prepared (two-phase commit,
     * {@link TwoPhaseStores}): that one commits when its coordinator decides or the recovery sweep settles it, seconds
     * later. Its insert came at most a lock wait (1 s) after its start and just before its {@code PREPARE}, so rows
     * started {@code SETTLED} before the oldest prepare all have lower numbers: a cursor never passes one.
     */
    private static long settled(java.sql.Connection c, String table, long from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(seq) FROM " + table
                + " WHERE seq > ? AND completed_at < LEAST(now(), (SELECT min(prepared) FROM pg_prepared_xacts"
                + " WHERE database = current_database())) - interval '" + SETTLED.toMillis() + " milliseconds'")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                long max = rs.next() ? rs.getLong(1) : 0;
                return Math.max(from, max);
            }
        }
    }

    Map<String, Object> state() throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("role", Role.ORCHESTRATOR.id());
        json.put("safeguards", config.safeguards() ? "on" : "off");
        // the figures Faultline checks against its ledger after recovery (docs/scenario-format.md: a service's
        // "state"); pending and queued also tell its drain whether any work is still held
        Map<String, Object> ledger = new LinkedHashMap<>();
        guarded(() -> store.call(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE published),"
                            + " count(*) FILTER (WHERE NOT published),"
                            + " (SELECT count(DISTINCT task_id) FROM " + Schema.ALL_COMPLETIONS + "),"
                            + " (SELECT count(*) FROM " + Schema.ALL_COMPLETIONS + ") FROM tasks")) {
                rs.next();
                json.put("accepted", rs.getLong(1));
                json.put("published", rs.getLong(2));
                json.put("unpublished", rs.getLong(3));
                json.put("completedDistinct", rs.getLong(4));
                json.put("completions", rs.getLong(5));
                ledger.put("accepted", rs.getLong(1));
                ledger.put("completed", rs.getLong(4));
                ledger.put("completions", rs.getLong(5));
                ledger.put("pending", rs.getLong(3) + (unsafe == null ? 0 : unsafe.backlog()));
                json.put("ledger", ledger);
            }
            return null;
        }));
        ledger.put("queued", broker.readyMessages()); // null (unknown) while the broker cannot be asked
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("accepted", acceptedHere.get());
        process.put("duplicates", duplicatesHere.get());
        if (relay != null) {
            process.put("published", relay.published());
            process.put("publishFailures", relay.failures());
        } else {
            process.put("published", unsafe.published());
            process.put("dropped", unsafe.dropped());
        }
        process.put("storeBreaker", storeBreaker.state());
        if (api != null) {
            process.put("httpThreadsBusy", api.busyThreads());
            process.put("httpThreadsPeak", api.peakBusyThreads());
            process.put("httpQueuedPeak", api.peakQueued());
        }
        json.put("process", process);
        return json;
    }

    /** Stores published tasks in one call, without caring whether it works: the unsafe path's bookkeeping. */
    private void storeBestEffort(List<TaskRequest> tasks) {
        try {
            guarded(() -> store.call(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO tasks (id, payload, published) VALUES (?, ?::jsonb, true) ON CONFLICT (id) DO NOTHING")) {
                    for (TaskRequest task : tasks) {
                        ps.setString(1, task.id());
                        ps.setString(2, task.payloadJson());
                        ps.addBatch();
                    }
                    return ps.executeBatch().length;
                }
            }));
        } catch (Exception e) {
            // unsafe by design: the tasks are simply not recorded
        }
    }

    /**
     * Work against the store, failing fast while the store is known to be down ({@code BREAKERS=on}): when the
     * readiness probe has not reached it for a second, or when the circuit breaker is open ({@link Resilience}). A
     * request then answers 503 at once instead of waiting for a slow store. {@code BREAKERS=off}: straight through.
     */
    private <T> T guarded(Resilience.StoreCall<T> call) throws StoreUnavailableException, SQLException {
        if (config.breakers() && storeKnownDown.getAsBoolean()) {
            throw new StoreUnavailableException("the store has not answered the readiness probe for a second", null);
        }
        return storeBreaker.call(call);
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        } else {
            unsafe.close();
        }
    }
}
