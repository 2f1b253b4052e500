package dev.faultline.reports.history;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.saved.SavedRun;

/**
 * The drill history: every drill run and every scenario run recorded into it, with its trend figures
 * ({@link RunFigures}). An embedded H2 file by default ({@link #defaultLocation()}), or a PostgreSQL database given
 * by its JDBC URL ({@code jdbc:postgresql://host:5432/db?user=u&password=p}). {@link #open} brings the schema to
 * the latest version with Flyway's versioned migrations ({@code db/faultline-history/V*.sql}, history table
 * {@value #SCHEMA_TABLE}), so opening twice, or a database an older Faultline wrote, is safe.
 *
 * <p>Each call takes a connection of its own and gives it back: an H2 file is held only while it is read or written,
 * so {@code faultline history} can read it while a scheduler that keeps a {@code History} open waits for its next
 * drill. Times are kept to the millisecond.
 */
public final class History implements AutoCloseable {
    /** The H2 file's path (without {@code .mv.db}) when {@value #ENV} is not set. */
    public static final String DEFAULT_FILE = ".faultline/history";
    /** Environment variable naming the history: a JDBC URL or an H2 file's path. */
    public static final String ENV = "FAULTLINE_HISTORY";
    static final String SCHEMA_TABLE = "faultline_schema_history";
    private static final String MIGRATIONS = "classpath:db/faultline-history";
    private static final String H2 = "jdbc:h2:";
    private static final String POSTGRES = "jdbc:postgresql:";
    private static final String H2_SUFFIX = ".mv.db";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_REASON = 4000;
    /** H2's error code for a database file another process holds ({@code DATABASE_ALREADY_OPEN_1}). */
    private static final int H2_DATABASE_IN_USE = 90020;
    static final Duration IN_USE_WAIT = Duration.ofSeconds(15);
    private static final long IN_USE_POLL_MS = 50;
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final String RUN_COLUMNS = "r.id, r.drill_run_id, r.drill, r.scenario, r.run_id, r.started_at,"
            + " r.verdict, r.report_dir, f.figure, f.figure_value";

    private final String url;
    private final String name;

    private History(String url, String name) {
        this.url = url;
        this.name = name;
    }

    /**
     * Opens the history at {@code location} and migrates its schema: a {@code jdbc:h2:} or {@code jdbc:postgresql:}
     * URL, or else a file path, the H2 file database at that path ({@code .mv.db} is added; folders are created).
     */
    public static History open(String location) throws HistoryException {
        String problem = problem(location);
        if (problem != null) {
            throw new HistoryException(problem);
        }
        Path file = file(location);
        History history;
        if (file == null) {
            // an in-memory H2 database lives while a connection is open: keep it for the JVM's life, as one History
            String url = location.startsWith(H2 + "mem:") && !location.toUpperCase(Locale.ROOT).contains("DB_CLOSE_DELAY")
                    ? location + ";DB_CLOSE_DELAY=-1" : location;
            history = new History(url, withoutPassword(location));
        } else {
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
            } catch (java.io.IOException e) {
                throw new HistoryException("history " + Excerpt.of(location, 80) + ": cannot create its folder: "
                        + e, e);
            }
            String base = file.toString().substring(0, file.toString().length() - H2_SUFFIX.length());
            // no history.trace.db beside it: its errors reach the user as HistoryExceptions
            history = new History(H2 + "file:" + base + ";TRACE_LEVEL_FILE=0", file.toString());
        }
        history.migrate();
        return history;
    }

    /** {@value #DEFAULT_FILE} (an H2 file in the working folder), or {@code $FAULTLINE_HISTORY} when set. */
    public static String defaultLocation() {
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? DEFAULT_FILE : env;
    }

    /**
     * Why {@code location} cannot name a history, in one line ({@code history <location>: expected ...}), or null
     * when it can: a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL, or a file path.
     */
    public static String problem(String location) {
        if (location == null || location.isBlank()) {
            return "history: expected a JDBC URL or a file path but was empty";
        }
        if (location.startsWith("jdbc:")) {
            return location.startsWith(H2) || location.startsWith(POSTGRES) ? null
                    : "history " + Excerpt.of(withoutPassword(location), 80) + ": expected a " + H2 + " or "
                    + POSTGRES + " URL (or an H2 file's path)";
        }
        try {
            Path.of(location);
            return null;
        } catch (InvalidPathException e) {
            return "history " + Excerpt.of(location, 80) + ": expected a JDBC URL or a file path: " + e.getReason();
        }
    }

    /**
     * The H2 file a location names, absolute, with {@code .mv.db} (added when missing); null for a JDBC URL. The
     * location must have no {@link #problem}.
     */
    public static Path file(String location) {
        if (location.startsWith("jdbc:")) {
            return null;
        }
        String file = location.endsWith(H2_SUFFIX) ? location : location + H2_SUFFIX;
        return Path.of(file).toAbsolutePath().normalize();
    }

    /** The history as messages name it: the H2 file, or the URL without its password. */
    public String name() {
        return name;
    }

    /**
     * Brings the schema up to date, holding a connection of its own meanwhile: an H2 file another process holds is
     * waited for ({@link #connect}), and Flyway's connections share the database this one opened.
     */
    private void migrate() throws HistoryException {
        try (Connection held = connect()) {
            Flyway.configure().dataSource(url, null, null).locations(MIGRATIONS).table(SCHEMA_TABLE)
                    .failOnMissingLocations(true).loggers(MigrationLog.class.getName()).load().migrate();
        } catch (FlywayException e) {
            throw new HistoryException("history " + name + ": cannot migrate its schema: "
                    + firstLine(e.getMessage()), e);
        } catch (SQLException e) {
            throw failure("cannot migrate its schema", e);
        }
    }

    /**
     * Claims a drill run: {@code (drill, scheduledFor)} is claimed once, whoever asks first. {@code scheduledFor}
     * is null for {@code faultline drill run} (never refused). The new drill run's id, or empty when that scheduled
     * time was claimed already.
     */
    public Optional<Long> startDrill(String drill, Instant scheduledFor, Instant startedAt) throws HistoryException {
        String sql = "INSERT INTO drill_run (drill, scheduled_for, started_at) VALUES (?, ?, ?)";
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, drill);
            setInstant(s, 2, scheduledFor);
            setInstant(s, 3, startedAt);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return Optional.of(keys.getLong("id"));
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw failure("cannot start drill " + drill, e);
        }
    }

    /** Records one scenario run with its figures; {@code drillRunId} and {@code drill} null outside a drill. */
    public void recordRun(Long drillRunId, String drill, SavedRun run) throws HistoryException {
        Instant startedAt;
        try {
            startedAt = Instant.parse(run.startedAt());
        } catch (DateTimeParseException e) {
            throw new HistoryException(run.dir().resolve(SavedRun.RESULT) + " startedAt: expected an ISO-8601 instant"
                    + " but was '" + Excerpt.of(run.startedAt(), 40) + "'");
        }
        String sql = "INSERT INTO scenario_run (drill_run_id, drill, scenario, run_id, started_at, verdict, report_dir)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                if (drillRunId == null) {
                    s.setNull(1, Types.BIGINT);
                } else {
                    s.setLong(1, drillRunId);
                }
                s.setString(2, drill);
                s.setString(3, run.scenario());
                s.setString(4, run.runId());
                setInstant(s, 5, startedAt);
                s.setString(6, run.verdict().name());
                s.setString(7, run.dir().toAbsolutePath().normalize().toString());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong("id");
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO run_figure (scenario_run_id, figure, figure_value) VALUES (?, ?, ?)")) {
                for (Map.Entry<TrendFigure, Long> e : RunFigures.of(run).entrySet()) {
                    s.setLong(1, id);
                    s.setString(2, e.getKey().yamlName());
                    s.setLong(3, e.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw failure("cannot record the run of " + run.scenario() + " (" + run.dir() + ")", e);
        }
    }

    /** Ends a drill run with its verdict and reason. */
    public void endDrill(long drillRunId, Verdict verdict, String reason, Instant endedAt) throws HistoryException {
        String text = reason == null ? "" : reason;
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE drill_run SET ended_at = ?, verdict = ?, reason = ? WHERE id = ?")) {
            setInstant(s, 1, endedAt);
            s.setString(2, verdict.name());
            s.setString(3, text.length() > MAX_REASON ? text.substring(0, MAX_REASON - 1) + "…" : text);
            s.setLong(4, drillRunId);
            if (s.executeUpdate() == 0) {
                throw new HistoryException("history " + name + ": no drill run #" + drillRunId + " to end");
            }
        } catch (SQLException e) {
            throw failure("cannot end drill run #" + drillRunId, e);
        }
    }

    /** The latest scheduled time claimed for {@code drill}, if any. */
    public Optional<Instant> lastScheduled(String drill) throws HistoryException {
        return latest("scheduled_for", drill);
    }

    /** When the latest drill run of {@code drill} started (scheduled or by hand), if any. */
    public Optional<Instant> lastStarted(String drill) throws HistoryException {
        return latest("started_at", drill);
    }

    private Optional<Instant> latest(String column, String drill) throws HistoryException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT MAX(" + column + ") FROM drill_run WHERE drill = ?")) {
            s.setString(1, drill);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return Optional.ofNullable(instant(r, 1));
            }
        } catch (SQLException e) {
            throw failure("cannot read drill " + drill, e);
        }
    }

    /**
     * The ended drill runs of {@code drill} claimed before {@code drillRunId}, newest first (by start), at most
     * {@code limit}, each with its scenario runs.
     */
    public List<DrillRecord> earlierDrills(String drill, long drillRunId, int limit) throws HistoryException {
        String sql = "SELECT id, drill, scheduled_for, started_at, ended_at, verdict, reason FROM drill_run"
                + " WHERE drill = ? AND id < ? AND ended_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT ?";
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, drill);
            s.setLong(2, drillRunId);
            s.setInt(3, Math.max(0, limit));
            List<DrillRecord> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong("id");
                    String verdict = r.getString("verdict");
                    out.add(new DrillRecord(id, r.getString("drill"), instant(r, "scheduled_for"),
                            instant(r, "started_at"), instant(r, "ended_at"),
                            verdict == null ? null : Verdict.valueOf(verdict), r.getString("reason"),
                            runs(c, "r.drill_run_id = ?", List.of(id))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("cannot read earlier drills of " + drill, e);
        }
    }

    /** Scenario runs, oldest first: of {@code scenario} (null: all), started at or after {@code since} (null: all). */
    public List<RunRow> runs(String scenario, Instant since) throws HistoryException {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (scenario != null) {
            where.add("r.scenario = ?");
            params.add(scenario);
        }
        if (since != null) {
            where.add("r.started_at >= ?");
            params.add(since);
        }
        try (Connection c = connect()) {
            return runs(c, where.isEmpty() ? "1 = 1" : String.join(" AND ", where), params);
        } catch (SQLException e) {
            throw failure("cannot read runs", e);
        }
    }

    private List<RunRow> runs(Connection c, String where, List<Object> params) throws SQLException {
        String sql = "SELECT " + RUN_COLUMNS + " FROM scenario_run r LEFT JOIN run_figure f ON f.scenario_run_id = r.id"
                + " WHERE " + where + " ORDER BY r.started_at, r.id";
        Map<Long, RunRow> rows = new LinkedHashMap<>();
        Map<Long, Map<TrendFigure, Long>> figures = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Instant t) {
                    setInstant(s, i + 1, t);
                } else {
                    s.setObject(i + 1, p);
                }
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong("id");
                    if (!rows.containsKey(id)) {
                        long drillRun = r.getLong("drill_run_id");
                        rows.put(id, new RunRow(id, r.wasNull() ? null : drillRun, r.getString("drill"),
                                r.getString("scenario"), r.getString("run_id"), instant(r, "started_at"),
                                Verdict.valueOf(r.getString("verdict")), Map.of(), r.getString("report_dir")));
                        figures.put(id, new EnumMap<>(TrendFigure.class));
                    }
                    String figure = r.getString("figure");
                    TrendFigure known = figure == null ? null : figureNamed(figure);
                    if (known != null) {
                        figures.get(id).put(known, r.getLong("figure_value"));
                    }
                }
            }
        }
        List<RunRow> out = new ArrayList<>();
        for (RunRow row : rows.values()) {
            out.add(new RunRow(row.id(), row.drillRunId(), row.drill(), row.scenario(), row.runId(), row.startedAt(),
                    row.verdict(), figures.get(row.id()), row.reportDir()));
        }
        return out;
    }

    /** The figure of that yaml name; null for one a newer Faultline wrote. */
    private static TrendFigure figureNamed(String yamlName) {
        for (TrendFigure f : TrendFigure.values()) {
            if (f.yamlName().equals(yamlName)) {
                return f;
            }
        }
        return null;
    }

    /**
     * A connection of its own. An H2 file that another process holds (a drill writing while {@code faultline history}
     * reads) is asked again every {@value #IN_USE_POLL_MS} ms until it is free or {@link #IN_USE_WAIT} has passed.
     */
    private Connection connect() throws SQLException {
        long deadline = System.nanoTime() + IN_USE_WAIT.toNanos();
        while (true) {
            try {
                return DriverManager.getConnection(url);
            } catch (SQLException e) {
                if (e.getErrorCode() != H2_DATABASE_IN_USE || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(IN_USE_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while the H2 file was in use by another process", e);
            }
        }
    }

    private static void setInstant(PreparedStatement s, int index, Instant t) throws SQLException {
        if (t == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, t.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private HistoryException failure(String what, SQLException e) {
        String why = e.getErrorCode() == H2_DATABASE_IN_USE
                ? "another process holds the H2 file (waited " + IN_USE_WAIT.toSeconds() + " s for it)"
                : firstLine(e.getMessage());
        return new HistoryException("history " + name + ": " + what + ": " + why, e);
    }

    /** The first line of a driver's message, without a password it may quote. */
    private static String firstLine(String message) {
        String text = message == null ? "" : withoutPassword(message);
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).replaceFirst("[;:]? *SQL statement: *$", "");
        return Excerpt.of(line, 300);
    }

    /** {@code url} with a {@code password=} parameter's value shown as {@code ***}. */
    static String withoutPassword(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }

    /**
     * Flyway's log while it migrates, named by class in its configuration (so public): its progress is not the
     * user's business, its warnings are, in one line each on stderr; its errors reach the user as the
     * {@link HistoryException} {@link #open} throws.
     */
    public static final class MigrationLog implements LogCreator, Log {
        @Override
        public Log createLogger(Class<?> clazz) {
            return this;
        }

        @Override
        public void debug(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void notice(String message) {
        }

        @Override
        public void warn(String message) {
            System.err.println("history: schema migration: " + firstLine(message));
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void error(String message, Exception e) {
        }
    }

    /** Nothing to release: each call gave its connection back. */
    @Override
    public void close() {
    }
}
