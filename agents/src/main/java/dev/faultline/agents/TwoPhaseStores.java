package dev.faultline.agents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link TwoPhaseCommit}'s branches and decision log in PostgreSQL.
 *
 * <p>A branch is prepared as {@code PREPARE TRANSACTION '<transaction id>.<table>'}: one id per branch, so both
 * branches may even live in one database cluster, whose prepared transaction ids are shared. Branches wait at most
 * {@value #LOCK_TIMEOUT} for a row lock: a task redelivered while its earlier attempt is in doubt (prepared, holding
 * its unique key) fails that fast, as unavailable for now, and is retried with backoff until the sweep resolves it.
 */
final class TwoPhaseStores {
    static final String LOCK_TIMEOUT = "1s";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String UNDEFINED_OBJECT = "42704"; // no prepared transaction of that id

    private TwoPhaseStores() {}

    /** One table's part of a completion: a row {@code (task_id, worker)}. */
    static final class PostgresBranch implements TwoPhaseCommit.Branch {
        private final Store store;
        private final String table;
        private final String insert;
        private final String worker;

        /** {@code unique}: the table is unique on task id, so a second insert for a task is a no-op. */
        PostgresBranch(Store store, String table, boolean unique, String worker) {
            this.store = store;
            this.table = table;
            this.insert = "INSERT INTO " + table + " (task_id, worker) VALUES (?, ?)"
                    + (unique ? " ON CONFLICT (task_id) DO NOTHING" : "");
            this.worker = worker;
        }

        @Override
        public String name() {
            return table;
        }

        private String gid(String txId) {
            return txId + "." + table; // built from our own UUID and table name: safe to quote as a literal
        }

        @Override
        public int prepare(String txId, String taskId) throws StoreUnavailableException, SQLException {
            try {
                return store.call(c -> {
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        s.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
                        int inserted = insert(c, taskId);
                        s.execute("PREPARE TRANSACTION '" + gid(txId) + "'");
                        return inserted;
                    } catch (SQLException e) {
                        rollbackQuietly(c);
                        throw e;
                    } finally {
                        c.setAutoCommit(true); // after PREPARE the session holds no transaction: nothing is committed
                    }
                });
            } catch (SQLException e) {
                throw heldInDoubt(e, taskId);
            }
        }

        @Override
        public int commitAlone(String taskId) throws StoreUnavailableException, SQLException {
            return store.call(c -> insert(c, taskId));
        }

        private int insert(Connection c, String taskId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, taskId);
                ps.setString(2, worker);
                return ps.executeUpdate();
            }
        }

        @Override
        public boolean commitPrepared(String txId) throws StoreUnavailableException, SQLException {
            return finish("COMMIT PREPARED '" + gid(txId) + "'");
        }

        @Override
        public boolean rollbackPrepared(String txId) throws StoreUnavailableException, SQLException {
            return finish("ROLLBACK PREPARED '" + gid(txId) + "'");
        }

        private boolean finish(String sql) throws StoreUnavailableException, SQLException {
            return store.call(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                    return true;
                } catch (SQLException e) {
                    if (UNDEFINED_OBJECT.equals(e.getSQLState())) {
                        return false; // resolved already, by its coordinator or another sweep
                    }
                    throw e;
                }
            });
        }

        @Override
        public Set<String> preparedBefore(Duration age) throws StoreUnavailableException, SQLException {
            String suffix = "." + table;
            return store.call(c -> {
                Set<String> ids = new TreeSet<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT gid FROM pg_prepared_xacts"
                        + " WHERE database = current_database() AND starts_with(gid, ?) AND prepared < now() - ?"
                        + " * interval '1 millisecond'")) {
                    ps.setString(1, TwoPhaseCommit.ID_PREFIX);
                    ps.setLong(2, age.toMillis());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String gid = rs.getString(1);
                            if (gid.endsWith(suffix)) {
                                ids.add(gid.substring(0, gid.length() - suffix.length()));
                            }
                        }
                    }
                }
                return ids;
            });
        }

        @Override
        public long rowsOf(String worker) throws StoreUnavailableException, SQLException {
            return store.call(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE worker = ?")) {
                    ps.setString(1, worker);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        }

        private static SQLException heldInDoubt(SQLException e, String taskId) throws StoreUnavailableException {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new StoreUnavailableException("task " + taskId + " is held by a transaction in doubt (waited "
                        + LOCK_TIMEOUT + "); retrying until it is resolved", e);
            }
            return e;
        }

        private static void rollbackQuietly(Connection c) {
            try {
                c.rollback();
            } catch (SQLException e) {
                // the connection is gone: so is its transaction
            }
        }
    }

    /** The decision log: {@code decisions(gid PK, decision, decided_at)} in the store; the first decision holds. */
    static final class StoreDecisionLog implements TwoPhaseCommit.DecisionLog {
        private final Store store;

        StoreDecisionLog(Store store) {
            this.store = store;
        }

        @Override
        public TwoPhaseCommit.Decision decide(String txId, TwoPhaseCommit.Decision proposal)
                throws StoreUnavailableException, SQLException {
            return store.call(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Schema.DECISIONS
                        + " (gid, decision) VALUES (?, ?) ON CONFLICT (gid) DO NOTHING")) {
                    ps.setString(1, txId);
                    ps.setString(2, proposal.id());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT decision FROM " + Schema.DECISIONS
                        + " WHERE gid = ?")) {
                    ps.setString(1, txId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("decision of " + txId + " not found after writing it");
                        }
                        return TwoPhaseCommit.Decision.of(rs.getString(1));
                    }
                }
            });
        }
    }
}
