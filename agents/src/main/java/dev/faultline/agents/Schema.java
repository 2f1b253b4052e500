package dev.faultline.agents;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store's tables, created idempotently by whichever agent connects first.
 *
 * <p>Safe workers record completions in {@code completions} (unique on task id, so a task is recorded at most once);
 * workers with {@code SAFEGUARDS=off} or {@code IDEMPOTENT=off} use {@code completions_unsafe}, which has no unique
 * index. The orchestrator reads both ({@link #ALL_COMPLETIONS}): a task recorded twice there counts twice. Both number
 * their rows in insert order ({@code seq}). Workers with {@code CHECKPOINT_STORE=on} keep versioned checkpoints of their
 * tally in {@code checkpoints} ({@link StoreCheckpoints}); planners hold their leader lease in {@code leases}
 * ({@link LeaderLease}). Workers with {@code ACCOUNTS_HOST} log the outcome of each two-phase commit in
 * {@code decisions} and book every completion in a second store's {@code accounts} ({@link #ensureAccounts};
 * {@link TwoPhaseCommit}).
 */
final class Schema {
    static final String TASKS = "tasks";
    static final String COMPLETIONS = "completions";
    static final String COMPLETIONS_UNSAFE = "completions_unsafe";
    static final String CHECKPOINTS = "checkpoints";
    static final String LEASES = "leases";
    static final String DECISIONS = "decisions";
    static final String ACCOUNTS = "accounts";
    /** Every completion recorded, in either table, as a FROM item with the column {@code task_id}. */
    static final String ALL_COMPLETIONS = "(SELECT task_id FROM " + COMPLETIONS + " UNION ALL SELECT task_id FROM "
            + COMPLETIONS_UNSAFE + ") AS every_completion";

    /** Serializes schema creation between agents racing on an empty database. */
    private static final long LOCK_KEY = 0x4661756c746c696eL; // "Faultlin"

    private static final String[] OBJECTS = {
        "public.tasks", "public.tasks_unpublished_idx", "public.completions", "public.completions_task_id_key",
        "public.completions_unsafe", "public.completions_unsafe_task_id_idx", "public.completions_seq_seq",
        "public.completions_unsafe_seq_seq", "public.checkpoints", "public.completions_seq_idx",
        "public.completions_unsafe_seq_idx", "public.leases", "public.decisions"
    };

    private static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS tasks ("
                + " id text PRIMARY KEY,"
                + " payload jsonb NOT NULL,"
                + " accepted_at timestamptz NOT NULL DEFAULT now(),"
                + " published boolean NOT NULL DEFAULT false)",
        "CREATE INDEX IF NOT EXISTS tasks_unpublished_idx ON tasks (accepted_at) WHERE NOT published",
        "CREATE TABLE IF NOT EXISTS completions ("
                + " task_id text NOT NULL,"
                + " worker text NOT NULL,"
                + " completed_at timestamptz NOT NULL DEFAULT now())",
        "CREATE UNIQUE INDEX IF NOT EXISTS completions_task_id_key ON completions (task_id)",
        "CREATE TABLE IF NOT EXISTS completions_unsafe ("
                + " task_id text NOT NULL,"
                + " worker text NOT NULL,"
                + " completed_at timestamptz NOT NULL DEFAULT now())",
        "CREATE INDEX IF NOT EXISTS completions_unsafe_task_id_idx ON completions_unsafe (task_id)",
        // numbered in insert order, for a worker's replay after its checkpoint (added to tables of older agents too)
        "ALTER TABLE completions ADD COLUMN IF NOT EXISTS seq bigserial",
        "ALTER TABLE completions_unsafe ADD COLUMN IF NOT EXISTS seq bigserial",
        // for the orchestrator's incremental reads of the results (GET /results?after=<cursor>)
        "CREATE INDEX IF NOT EXISTS completions_seq_idx ON completions (seq)",
        "CREATE INDEX IF NOT EXISTS completions_unsafe_seq_idx ON completions_unsafe (seq)",
        "CREATE TABLE IF NOT EXISTS checkpoints ("
                + " owner text NOT NULL,"
                + " version bigint NOT NULL,"
                + " state jsonb NOT NULL,"
                + " sha256 text NOT NULL,"
                + " written_at timestamptz NOT NULL DEFAULT now(),"
                + " PRIMARY KEY (owner, version))",
        // the planners' leader lease (LeaderLease): one row per lease, times by the store's clock only
        "CREATE TABLE IF NOT EXISTS leases ("
                + " name text PRIMARY KEY,"
                + " holder text NOT NULL,"
                + " incarnation text NOT NULL,"
                + " term bigint NOT NULL,"
                + " expires_at timestamptz NOT NULL,"
                + " renewed_at timestamptz NOT NULL,"
                + " consuming boolean NOT NULL DEFAULT false)",
        // the two-phase commit's decision log: the first decision written for a transaction holds
        "CREATE TABLE IF NOT EXISTS decisions ("
                + " gid text PRIMARY KEY,"
                + " decision text NOT NULL CHECK (decision IN ('commit', 'abort')),"
                + " decided_at timestamptz NOT NULL DEFAULT now())",
    };

    private static final String[] ACCOUNTS_OBJECTS = {"public.accounts", "public.accounts_worker_idx"};

    private static final String[] ACCOUNTS_DDL = {
        "CREATE TABLE IF NOT EXISTS accounts ("
                + " task_id text PRIMARY KEY,"
                + " worker text NOT NULL,"
                + " booked_at timestamptz NOT NULL DEFAULT now())",
        "CREATE INDEX IF NOT EXISTS accounts_worker_idx ON accounts (worker)",
    };

    private Schema() {}

    /** The table a worker records its completions in: deduplicated only when both switches are on. */
    static String completionsTable(boolean safeguards, boolean idempotent) {
        return safeguards && idempotent ? COMPLETIONS : COMPLETIONS_UNSAFE;
    }

    /** Creates whatever is missing; a no-op (one cheap query) when everything exists. */
    static void ensure(Connection c) throws SQLException {
        ensure(c, OBJECTS, DDL);
    }

    /** The accounts store's one table: {@code accounts(task_id PK, worker, booked_at)}, a row per completed task. */
    static void ensureAccounts(Connection c) throws SQLException {
        ensure(c, ACCOUNTS_OBJECTS, ACCOUNTS_DDL);
    }

    private static void ensure(Connection c, String[] objects, String[] ddls) throws SQLException {
        if (complete(c, objects)) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            for (String ddl : ddls) {
                s.execute(ddl);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            // Belt and braces: an agent that created the same object concurrently without the lock is no failure.
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static boolean complete(Connection c, String[] objects) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < objects.length; i++) {
            sql.append(i == 0 ? "" : " AND ").append("to_regclass('").append(objects[i]).append("') IS NOT NULL");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
