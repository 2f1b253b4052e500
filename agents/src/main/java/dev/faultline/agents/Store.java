package dev.faultline.agents;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small reconnecting holder of JDBC connections to the store.
 *
 * <p>Connections are opened on demand (so the store need not be up at start) or ahead of the first work
 * ({@link #warm}), kept idle for reuse, and thrown away on any error. A failure to reach the store surfaces as
 * {@link StoreUnavailableException}; callers decide whether to retry. Every newly opened connection makes sure the
 * schema exists. Every piece of work given to {@link #call} must be idempotent: it is run a second time on a fresh
 * connection when a reused one turns out dead.
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

        /** As {@link #open()}, giving up at {@code deadline} ({@link System#nanoTime}); by default it is ignored. */
        default Connection open(long deadline) throws SQLException {
            return open();
        }
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
    private final int timeoutMs; // 0: none
    private final BlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private volatile boolean closed;
    private volatile Connection probeConnection; // used by the probe thread only

    Store(AgentConfig config) {
        this(config.jdbcUrl(), driverOpener(config, config.jdbcUrl(), Schema::ensure), config.safeguards(),
                networkTimeoutMs(config), Schema::ensure);
    }

    /** A store reached through {@code opener}; {@code reuse} false: a connection per call. No call timeout. */
    Store(String url, Opener opener, boolean reuse) {
        this(url, opener, reuse, 0);
    }

    /** As above; {@code timeoutMs} greater than 0: a whole {@link #call} may wait that long on the network. */
    Store(String url, Opener opener, boolean reuse, int timeoutMs) {
        this(url, opener, reuse, timeoutMs, Schema::ensure);
    }

    private Store(String url, Opener opener, boolean reuse, int timeoutMs, SchemaEnsurer schema) {
        this.url = url;
        this.opener = opener;
        this.reuse = reuse;
        this.timeoutMs = timeoutMs;
        this.schema = schema;
    }

    /** The worker's second store, {@code ACCOUNTS_HOST} ({@link Schema#ensureAccounts}), with the store's credentials. */
    static Store accounts(AgentConfig config, AgentConfig.Accounts accounts) {
        String url = accounts.jdbcUrl();
        return new Store(url, driverOpener(config, url, Schema::ensureAccounts), config.safeguards(),
                networkTimeoutMs(config), Schema::ensureAccounts);
    }

    private static Opener driverOpener(AgentConfig config, String url, SchemaEnsurer schema) {
        Properties properties = driverProperties(config);
        return new Opener() {
            @Override
            public Connection open() throws SQLException {
                return ensured(DriverManager.getConnection(url, properties), 0, schema);
            }

            @Override
            public Connection open(long deadline) throws SQLException {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    throw new SQLException("Connection attempt timed out: the call's store timeout is spent", "08001");
                }
                Properties within = new Properties();
                within.putAll(properties);
                within.setProperty("loginTimeout", Double.toString(leftMs / 1000.0));
                return ensured(DriverManager.getConnection(url, within), deadline, schema);
            }
        };
    }

    /** {@code c} once its schema is ensured, the check's round trips bounded by {@code deadline} (0: not bounded). */
    private static Connection ensured(Connection c, long deadline, SchemaEnsurer schema) throws SQLException {
        try {
            if (deadline != 0) {
                bound(c, deadline);
            }
            schema.ensure(c);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * The driver's settings. With breakers on ({@link AgentConfig#breakers}) opening a connection may take at most
     * {@code STORE_TIMEOUT} (its login timeout; the socket timeout, in whole seconds, only stops the abandoned login
     * thread); off: no timeout, a connection opens however long the store takes. A TCP connect (to a local address or
     * the fault proxy) may take 2 s either way.
     */
    static Properties driverProperties(AgentConfig config) {
        Properties properties = new Properties();
        properties.setProperty("user", config.storeUser());
        properties.setProperty("password", config.storePassword());
        properties.setProperty("connectTimeout", "2");
        if (config.breakers()) {
            Duration timeout = config.switches().storeTimeout();
            properties.setProperty("loginTimeout", Double.toString(timeout.toMillis() / 1000.0));
            properties.setProperty("socketTimeout", Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000)));
        }
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "faultline-" + config.role().id() + "-" + config.workerId());
        return properties;
    }

    /** Lets network reads on {@code c} wait until {@code deadline} ({@link System#nanoTime}), at least 1 ms. */
    private static void bound(Connection c, long deadline) throws SQLException {
        long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        c.setNetworkTimeout(Runnable::run, (int) Math.max(1, Math.min(Integer.MAX_VALUE, leftMs))); // executor unused
    }

    /**
     * How long a store call may wait on the network before it fails with {@link StoreUnavailableException} (the
     * driver then closes the connection): a connection it opens must be open within it, and each read waits at most
     * what was left of it when the call began. {@code STORE_TIMEOUT} with breakers on, 0 (wait for ever) with them off.
     */
    static int networkTimeoutMs(AgentConfig config) {
        return config.breakers() ? (int) Math.min(Integer.MAX_VALUE, config.switches().storeTimeout().toMillis()) : 0;
    }

    <T, X extends Exception> T call(Work<T, X> work) throws StoreUnavailableException, SQLException, X {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Connection reused = reuse ? idle.pollFirst() : null;
        if (reused != null) {
            try {
                return runOn(reused, work, deadline);
            } catch (StoreUnavailableException e) {
                // Every idle connection is as dead as this one. If the store restarted, a fresh connection works: try
                // once. If it merely stopped answering (a timeout), a fresh one would only wait again: give up now.
                discardIdle();
                if (isTimeout(e)) {
                    throw e;
                }
            }
        }
        return runOn(open(deadline), work, deadline);
    }

    /**
     * Opens connections until {@code count} are idle (at most {@value #MAX_IDLE}), stopping at the first that cannot
     * be opened: the store need not be up, and connections are opened on demand anyway. Safe store only (an unsafe one
     * holds none). Without it, the first burst of work opens a connection per concurrent call at once, every agent
     * together (20 at the start of a load here): the store forks a process for each and each call waits on its own
     * connection, up to a second on a busy host.
     */
    void warm(int count) {
        int target = Math.min(count, MAX_IDLE);
        while (reuse && !closed && idle.size() < target) {
            try {
                idle.offerLast(open());
                if (closed) {
                    discardIdle(); // closed meanwhile: close() may have emptied the pool before this one came in
                }
            } catch (StoreUnavailableException e) {
                log.debug("store connections not opened ahead: {}", e.getMessage());
                return;
            }
        }
    }

    /** Runs {@code work} on {@code c}; with a call timeout, its round trips may wait until {@code deadline} at most. */
    private <T, X extends Exception> T runOn(Connection c, Work<T, X> work, long deadline)
            throws StoreUnavailableException, SQLException, X {
        boolean healthy = false;
        try {
            if (timeoutMs > 0) {
                bound(c, deadline);
            }
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
        return open(0);
    }

    /** A new connection; with a call timeout, opened by {@code deadline} or not at all. */
    private Connection open(long deadline) throws StoreUnavailableException {
        if (closed) {
            throw new StoreUnavailableException("store holder is closed", null);
        }
        try {
            return timeoutMs > 0 && deadline != 0 ? opener.open(deadline) : opener.open();
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
