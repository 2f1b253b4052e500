package dev.faultline.injectors.resource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.Fault.Verification;

/**
 * {@code connections}: the harness itself opens connections to a PostgreSQL store (on its published port, as the
 * store's own user) and holds them, until {@code level} of its slots are taken; at 100% until the store refuses
 * one more ("too many clients"), so an agent's new connection is refused too. Verified by the store's own count of
 * connections ({@code pg_stat_activity}) against {@code max_connections}, and at 100% by a refused connection.
 * Released when every held connection is closed and the store counts none of them. Should the harness be killed,
 * the operating system closes them with it.
 */
class ConnectionSqueeze implements Fault.Handle {
    /** Threads opening connections at once: a store takes some milliseconds per login. */
    static final int OPENERS = 8;
    /** PostgreSQL's SQLSTATE for "too many clients" / "remaining connection slots are reserved". */
    static final String TOO_MANY_CONNECTIONS = "53300";

    private final FaultContext context;
    private final double level;
    private final StoreLogin configured;
    private final List<Connection> held = new ArrayList<>();
    private final String applicationName;
    private String url;
    private Properties properties;
    private int slots;

    ConnectionSqueeze(FaultContext context, double level, StoreLogin login) {
        this.context = context;
        this.level = level;
        this.configured = login;
        this.applicationName = "faultline-hold-" + RunTag.of(context);
        // Load the JDBC driver now, when the run starts, not in the injection's first second (about 0.5 s cold).
        org.postgresql.Driver.isRegistered();
    }

    @Override
    public synchronized void apply() throws Exception {
        String instance = context.targetInstances().get(0);
        StoreLogin login = configured.resolvedWith(context.service().env());
        int port = context.containers().hostPort(instance, login.port());
        if (port < 0) {
            throw new IllegalStateException(instance + " publishes no port " + login.port() + " (is it running?)");
        }
        url = "jdbc:postgresql://127.0.0.1:" + port + "/" + login.database();
        properties = new Properties();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        properties.setProperty("ApplicationName", applicationName);
        Connection first = DriverManager.getConnection(url, properties);
        held.add(first);
        int inUse;
        try (Statement s = first.createStatement()) {
            int max = intOf(s, "SHOW max_connections");
            int reserved = intOf(s, "SHOW superuser_reserved_connections");
            boolean superuser = "on".equals(textOf(s, "SHOW is_superuser"));
            slots = superuser ? max : max - reserved;
            inUse = clientConnections(s);
        }
        int wanted = level >= 1.0 ? Integer.MAX_VALUE : Math.max(0, (int) Math.round(level * slots) - inUse);
        openUpTo(wanted - 1);
    }

    /** Opens up to {@code count} more connections, several at a time, stopping at the store's first refusal. */
    protected void openUpTo(int count) throws Exception {
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService openers = Executors.newFixedThreadPool(OPENERS, r -> {
            Thread t = new Thread(r, "faultline-hold-connections");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Connection>>> batches = new ArrayList<>();
            for (int i = 0; i < OPENERS; i++) {
                batches.add(openers.submit(() -> {
                    List<Connection> mine = new ArrayList<>();
                    while (left.getAndDecrement() > 0) {
                        try {
                            mine.add(DriverManager.getConnection(url, properties));
                        } catch (SQLException e) {
                            left.set(0);
                            if (!TOO_MANY_CONNECTIONS.equals(e.getSQLState())) {
                                synchronized (held) {
                                    held.addAll(mine);
                                }
                                throw e;
                            }
                        }
                    }
                    return mine;
                }));
            }
            Exception failure = null;
            for (Future<List<Connection>> batch : batches) {
                try {
                    List<Connection> opened = batch.get();
                    synchronized (held) {
                        held.addAll(opened);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failure = failure == null ? (Exception) e.getCause() : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            openers.shutdownNow();
        }
    }

    @Override
    public synchronized Verification verify() throws Exception {
        if (held.isEmpty()) {
            return Verification.failed("no connection held");
        }
        int inUse;
        try (Statement s = held.get(0).createStatement()) {
            inUse = clientConnections(s);
        } catch (SQLException e) {
            return Verification.failed("a held connection was lost: " + e.getMessage());
        }
        String figures = inUse + " of " + slots + " connection slots in use, " + held.size() + " held by Faultline"
                + " (pg_stat_activity)";
        if (level < 1.0) {
            return inUse >= Math.round(level * slots) ? Verification.ok(figures)
                    : Verification.failed(figures + ", expected at least " + Math.round(level * slots));
        }
        try (Connection extra = DriverManager.getConnection(url, properties)) {
            return Verification.failed(figures + ", yet a new connection was accepted");
        } catch (SQLException e) {
            if (TOO_MANY_CONNECTIONS.equals(e.getSQLState())) {
                return Verification.ok(figures + "; a new connection is refused (" + e.getSQLState() + ")");
            }
            return Verification.failed(figures + "; a new connection failed otherwise: " + e.getMessage());
        }
    }

    /** Closes every held connection; then a fresh connection must find none of them left. */
    @Override
    public synchronized void revert() throws Exception {
        if (held.isEmpty()) {
            return;
        }
        for (Connection c : held) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken connection: the store has already let it go
            }
        }
        int count = held.size();
        held.clear();
        try (Connection check = DriverManager.getConnection(url, properties);
             Statement s = check.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                     + applicationName + "' AND pid <> pg_backend_pid()")) {
            r.next();
            int left = r.getInt(1);
            if (left != 0) {
                throw new IllegalStateException(left + " of Faultline's held connections still open after release");
            }
        }
        context.note("released " + count + " connections of " + context.targetInstances().get(0));
    }

    private static int clientConnections(Statement s) throws SQLException {
        return intOf(s, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'");
    }

    private static int intOf(Statement s, String sql) throws SQLException {
        return Integer.parseInt(textOf(s, sql).trim());
    }

    private static String textOf(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
