package dev.faultline.agents;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small reconnecting holder of JDBC connections to the store.
 *
 * <p>Connections are opened on demand (so the store need not be up at start), kept idle for reuse, and thrown away
 * on any error. A failure to reach the store surfaces as {@link StoreUnavailableException}; callers decide whether
 * to retry. Every newly opened connection makes sure the schema exists. Every piece of work given to
 * {@link #call} must be idempotent: it is run a second time on a fresh connection when a reused one turns out dead.
 *
 * <p>Unsafe ({@code SAFEGUARDS=off}): <b>a connection per call</b>, no reuse. Every {@link #call} opens a fresh
 * connection and closes it after, so while the store has no connection slot left, or the process no free file
 * descriptor, every call fails; a safe agent goes on working over the connections it already holds.
 */
final class Store implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Store.class);
    private static final int MAX_IDLE = 16;

    /** Work against one connection. */
    @FunctionalInterface
    interface Work<T, X extends Exception> {
        T run(Connection c) throws SQLException, X;
    }

    /** Opens a new connection to the store, its schema ensured. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** Creates whatever of a store's schema is missing ({@link Schema#ensure}, {@link Schema#ensureAccounts}). */
    @FunctionalInterface
    interface SchemaEnsurer {
        void ensure(Connection c) throws SQLException;
    }

    private final String url;
    private final Opener opener;
    private final boolean reuse;
    private final SchemaEnsurer schema;
    private final BlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private volatile boolean closed;
    private volatile Connection probeConnection; // used by the probe thread only

    Store(AgentConfig config) {
        this(config.jdbcUrl(), driverOpener(config, config.jdbcUrl(), Schema::ensure), config.safeguards());
    }

    /** A store reached through {@code opener}; {@code reuse} false: a connection per call. */
    Store(String url, Opener opener, boolean reuse) {
        this(url, opener, reuse, Schema::ensure);
    }

    private Store(String url, Opener opener, boolean reuse, SchemaEnsurer schema) {
        this.url = url;
        this.opener = opener;
        this.reuse = reuse;
        this.schema = schema;
    }

    /** The worker's second store, {@code ACCOUNTS_HOST} ({@link Schema#ensureAccounts}), with the store's credentials. */
    static Store accounts(AgentConfig config, AgentConfig.Accounts accounts) {
        String url = accounts.jdbcUrl();
        return new Store(url, driverOpener(config, url, Schema::ensureAccounts), config.safeguards(),
                Schema::ensureAccounts);
    }

    private static Opener driverOpener(AgentConfig config, String url, SchemaEnsurer schema) {
        Properties properties = new Properties();
        properties.setProperty("user", config.storeUser());
        properties.setProperty("password", config.storePassword());
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "2");
        properties.setProperty("socketTimeout", "2"); // the driver waits up to twice this on a hung server
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "faultline-" + config.role().id() + "-" + config.workerId());
        return () -> {
            Connection c = DriverManager.getConnection(url, properties);
            try {
                schema.ensure(c);
                return c;
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
        };
    }

    <T, X extends Exception> T call(Work<T, X> work) throws StoreUnavailableException, SQLException, X {
        Connection reused = reuse ? idle.pollFirst() : null;
        if (reused != null) {
            try {
                return runOn(reused, work);
            } catch (StoreUnavailableException e) {
                // Every idle connection is as dead as this one. If the store restarted, a fresh connection works: try
                // once. If it merely stopped answering (a timeout), a fresh one would only wait again: give up now.
                discardIdle();
                if (isTimeout(e)) {
                    throw e;
                }
            }
        }
        return runOn(open(), work);
    }

    private <T, X extends Exception> T runOn(Connection c, Work<T, X> work)
            throws StoreUnavailableException, SQLException, X {
        boolean healthy = false;
        try {
            T result = work.run(c);
            healthy = true;
            return result;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined table: the store was replaced by an empty one
                recreateSchemaQuietly(c, schema);
                throw new StoreUnavailableException("store has no schema; it was recreated", e);
            }
            if (isUnavailable(e) || isClosed(c)) {
                throw new StoreUnavailableException("store unreachable: " + e.getMessage(), e);
            }
            throw e;
        } finally {
            if (reuse && healthy && !closed && idle.size() < MAX_IDLE) {
                idle.offerFirst(c);
            } else {
                closeQuietly(c);
            }
        }
    }

    private Connection open() throws StoreUnavailableException {
        if (closed) {
            throw new StoreUnavailableException("store holder is closed", null);
        }
        try {
            return opener.open();
        } catch (SQLException e) {
            throw new StoreUnavailableException("store unreachable at " + url + ": " + e.getMessage(), e);
        }
    }

    /** A cheap round trip on a connection of its own, for readiness. */
    synchronized boolean probe() {
        try {
            if (probeConnection == null || probeConnection.isClosed()) {
                probeConnection = open();
            }
            if (probeConnection.isValid(1)) {
                return true;
            }
        } catch (SQLException | StoreUnavailableException e) {
            log.debug("store probe failed: {}", e.getMessage());
        }
        closeQuietly(probeConnection);
        probeConnection = null;
        return false;
    }

    static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return state == null
                || state.startsWith("08") // connection exception
                || state.startsWith("57P") // admin shutdown, crash shutdown, cannot connect now
                || state.startsWith("53"); // insufficient resources (too many connections, disk full)
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void recreateSchemaQuietly(Connection c, SchemaEnsurer schema) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            schema.ensure(c);
        } catch (SQLException e) {
            log.warn("cannot recreate the schema: {}", e.getMessage());
        }
    }

    private void discardIdle() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            // already broken; nothing to release
        }
    }

    @Override
    public void close() {
        closed = true;
        discardIdle();
        closeQuietly(probeConnection);
    }
}
