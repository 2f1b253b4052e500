package dev.faultline.agents;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A store without a database, for {@link Store}: connections that run the worker's completion insert in memory,
 * counting what was opened and closed. An insert {@code .. ON CONFLICT DO NOTHING} of a task id already in its table
 * inserts nothing, as the unique index of {@code completions} has it; any other insert always inserts. {@link #refuse} makes every new connection fail, as a store whose connection
 * slots are all held does (SQLSTATE 53300, too many connections).
 */
final class FakeJdbc implements Store.Opener {
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<String> inserted = new CopyOnWriteArrayList<>();
    private final List<String> rows = new CopyOnWriteArrayList<>(); // "table task-id"
    private final List<Completion> sequenced = new CopyOnWriteArrayList<>();

    private record Completion(long seq, String worker) {}
    private volatile boolean refusing;
    private volatile Consumer<String> beforeInsert = id -> {};

    Store store(boolean safeguards) {
        return new Store("jdbc:fake", this, safeguards);
    }

    void refuse() {
        refusing = true;
    }

    /** Runs {@code check} with the task id just before an insert. */
    void beforeInsert(Consumer<String> check) {
        beforeInsert = check;
    }

    int opened() {
        return opened.get();
    }

    int closed() {
        return closed.get();
    }

    /** Task ids inserted into either completions table, in order. */
    List<String> inserted() {
        return inserted;
    }

    /** Task ids inserted into {@code table}, in order. */
    List<String> insertedInto(String table) {
        return rows.stream().filter(r -> r.startsWith(table + " ")).map(r -> r.substring(table.length() + 1))
                .collect(java.util.stream.Collectors.toList());
    }

    @Override
    public Connection open() throws SQLException {
        if (refusing) {
            throw new SQLException("FATAL: sorry, too many clients already", "53300");
        }
        opened.incrementAndGet();
        boolean[] isClosed = {false};
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "close":
                    if (!isClosed[0]) {
                        isClosed[0] = true;
                        closed.incrementAndGet();
                    }
                    return null;
                case "isClosed":
                    return isClosed[0];
                case "getAutoCommit":
                    return true;
                case "prepareStatement":
                    return statement((String) args[0]);
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw new UnsupportedOperationException("FakeJdbc: Connection." + method.getName());
            }
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    /** Inserts a completion; returns its sequence number, or 0 when a unique insert found the id already there. */
    private long insert(String table, boolean unique, String taskId, String worker) {
        beforeInsert.accept(taskId);
        long seq;
        synchronized (rows) {
            if (unique && rows.contains(table + " " + taskId)) {
                return 0;
            }
            rows.add(table + " " + taskId);
            seq = rows.size();
            sequenced.add(new Completion(seq, worker));
        }
        inserted.add(taskId);
        return seq;
    }

    /** The sequence numbers of {@code worker}'s completions, in either table. */
    List<Long> sequenceNumbersOf(String worker) {
        return sequenced.stream().filter(c -> c.worker().equals(worker)).map(Completion::seq)
                .collect(java.util.stream.Collectors.toList());
    }

    private PreparedStatement statement(String sql) {
        String table = sql.replaceFirst("^INSERT INTO (\\S+) .*$", "$1");
        boolean unique = sql.contains("ON CONFLICT");
        String[] parameters = {null, null};
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "setString":
                    parameters[(int) args[0] - 1] = (String) args[1];
                    return null;
                case "executeUpdate":
                    return insert(table, unique, parameters[0], parameters[1]) == 0 ? 0 : 1;
                case "executeQuery": // INSERT .. RETURNING seq: one row with the number, none on a conflict
                    long seq = insert(table, unique, parameters[0], parameters[1]);
                    return resultSet(seq == 0 ? List.of() : List.of(seq));
                case "close":
                    return null;
                default:
                    throw new UnsupportedOperationException("FakeJdbc: PreparedStatement." + method.getName());
            }
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static ResultSet resultSet(List<Long> column) {
        int[] row = {-1};
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "next":
                    return ++row[0] < column.size();
                case "getLong":
                    return column.get(row[0]);
                case "close":
                    return null;
                default:
                    throw new UnsupportedOperationException("FakeJdbc: ResultSet." + method.getName());
            }
        };
        return (ResultSet) Proxy.newProxyInstance(FakeJdbc.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                handler);
    }
}
