package dev.faultline.injectors.adapters;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.spi.ServiceAccess;
import dev.faultline.engine.spi.StoreAdapter;
import dev.faultline.injectors.resource.StoreLogin;

/**
 * PostgreSQL through JDBC, on the store's published port, logged in like {@code resource-exhaustion} of connections
 * ({@link StoreLogin}: the fault's {@code with}, else the store's {@code POSTGRES_*} environment, else
 * {@code faultline}). Recognizes a {@code role: store} service whose image names {@code postgres}. Values in
 * {@code json}/{@code jsonb}, {@code text}/{@code varchar} and {@code bytea} columns; a {@code jsonb} value is compared
 * as {@code jsonb} (so a value written in another layout still matches), a {@code json} one by its text.
 */
public final class PostgresAdapter implements StoreAdapter {
    /** What a location's names must look like before they are put into SQL (quoted, folded to lower case). */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** Loads the JDBC driver when the adapter is found (a scenario is loaded), not in an injection's first second. */
    public PostgresAdapter() {
        org.postgresql.Driver.isRegistered();
    }

    @Override
    public String product() {
        return "postgresql";
    }

    @Override
    public boolean recognizes(ServiceSpec service) {
        return service.role() == Role.STORE && service.image().toLowerCase(Locale.ROOT).contains("postgres");
    }

    @Override
    public int defaultPort() {
        return StoreLogin.DEFAULT_PORT;
    }

    @Override
    public Checkpoints open(ServiceAccess access, int port, Location location) throws SQLException {
        StoreLogin login = new StoreLogin(port, access.user(), access.password(), location.database())
                .resolvedWith(access.service().env());
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        properties.setProperty("ApplicationName", "faultline-fault-" + access.tag());
        String url = "jdbc:postgresql://127.0.0.1:" + access.hostPort(port) + "/" + login.database();
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            return new Session(connection, location, access.instance() + "/" + login.database());
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** {@code "name"}: checked, folded to lower case as PostgreSQL folds an unquoted name, quoted (reserved words). */
    static String quoted(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not an SQL identifier (letters, digits, _): " + name);
        }
        return '"' + name.toLowerCase(Locale.ROOT) + '"';
    }

    /** The value column's SQL for one of the formats: how it is set, and how a row is matched on it. */
    private record ColumnSql(Format format, String type, String set, String matches) {
        static Optional<ColumnSql> of(String type, String column) {
            return Optional.ofNullable(switch (type) {
                case "jsonb" -> new ColumnSql(Format.JSON, type, "?::jsonb", column + " = ?::jsonb");
                case "json" -> new ColumnSql(Format.JSON, type, "?::json", column + "::text = ?");
                case "text", "character varying" -> new ColumnSql(Format.TEXT, type, "?", column + " = ?");
                case "bytea" -> new ColumnSql(Format.BYTES, type, "?", column + " = ?");
                default -> null;
            });
        }
    }

    private static final class Session implements Checkpoints {
        private final Connection connection;
        private final ColumnSql value;
        private final String latest;
        private final String replace;
        private final String holds;

        Session(Connection connection, Location location, String where) throws SQLException {
            this.connection = connection;
            String table = quoted(location.table());
            String owner = quoted(location.ownerColumn());
            String order = quoted(location.orderBy());
            String column = quoted(location.column());
            Map<String, String> types = columnTypes(connection, table);
            if (types.isEmpty()) {
                throw new IllegalStateException("no table " + location.table() + " in " + where);
            }
            for (String name : new String[] {location.ownerColumn(), location.orderBy(), location.column()}) {
                if (!types.containsKey(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalStateException("table " + location.table() + " in " + where + " has no column "
                            + name + "; its columns: " + String.join(", ", types.keySet()));
                }
            }
            String type = types.get(location.column().toLowerCase(Locale.ROOT));
            this.value = ColumnSql.of(type, column).orElseThrow(() -> new IllegalStateException("column "
                    + location.column() + " of " + location.table() + " in " + where + " is " + type
                    + "; a checkpoint can be tampered with in json, jsonb, text, varchar or bytea"));
            String row = " WHERE " + owner + "::text = ? AND " + order + "::text = ?";
            this.latest = "SELECT " + order + "::text, " + column + " FROM " + table + " WHERE " + owner
                    + "::text = ? ORDER BY " + order + " DESC NULLS LAST LIMIT 1";
            this.replace = "UPDATE " + table + " SET " + column + " = " + value.set() + row + " AND " + value.matches();
            this.holds = "SELECT count(*) FROM " + table + row + " AND " + value.matches();
        }

        private static Map<String, String> columnTypes(Connection connection, String table) throws SQLException {
            Map<String, String> types = new HashMap<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT attname, format_type(atttypid, NULL)"
                    + " FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped")) {
                s.setString(1, table);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        types.put(r.getString(1), r.getString(2));
                    }
                }
            }
            return types;
        }

        @Override
        public Optional<Checkpoint> latest(String owner) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement(latest)) {
                s.setString(1, owner);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    byte[] content = value.format() == Format.BYTES ? r.getBytes(2) : bytes(r.getString(2));
                    if (content == null || r.getString(1) == null) {
                        throw new IllegalStateException("the latest checkpoint of " + owner + " has no "
                                + (content == null ? "value" : "order") + " (NULL)");
                    }
                    return Optional.of(new Checkpoint(owner, r.getString(1), value.format(), value.type(), content));
                }
            }
        }

        @Override
        public boolean replace(Checkpoint row, byte[] expected, byte[] replacement) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement(replace)) {
                setValue(s, 1, replacement);
                s.setString(2, row.owner());
                s.setString(3, row.key());
                setValue(s, 4, expected);
                return s.executeUpdate() > 0;
            }
        }

        @Override
        public boolean holds(Checkpoint row, byte[] content) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement(holds)) {
                s.setString(1, row.owner());
                s.setString(2, row.key());
                setValue(s, 3, content);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1) > 0;
                }
            }
        }

        private void setValue(PreparedStatement s, int index, byte[] content) throws SQLException {
            if (value.format() == Format.BYTES) {
                s.setBytes(index, content);
            } else {
                s.setString(index, new String(content, StandardCharsets.UTF_8));
            }
        }

        private static byte[] bytes(String text) {
            return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection: the store has let it go already
            }
        }
    }
}
