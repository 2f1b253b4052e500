package dev.faultline.reports.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history on H2: an embedded file in a temporary folder. */
class HistoryTest extends HistoryContract {
    @TempDir
    Path db;

    @Override
    History openEmpty() throws HistoryException {
        return History.open(db.resolve("history").toString());
    }

    @Test
    void aFilePathBecomesAnH2FileThereWithItsFoldersCreated() throws Exception {
        Path location = db.resolve("team/.faultline/history");

        try (History history = History.open(location.toString())) {
            assertThat(history.name()).isEqualTo(location.toAbsolutePath() + ".mv.db");
        }

        assertThat(db.resolve("team/.faultline/history.mv.db")).isRegularFile();
    }

    @Test
    void theFileNameWithItsMvDbSuffixNamesTheSameDatabase() throws Exception {
        Path location = db.resolve("history");
        try (History history = History.open(location.toString())) {
            history.recordRun(null, null, Runs.run(runs.resolve("a"), "worker-crash", MONDAY, 1L));
        }

        try (History history = History.open(location + ".mv.db")) {
            assertThat(history.runs(null, null)).hasSize(1);
        }
        assertThat(Files.list(db).map(p -> p.getFileName().toString())).containsExactly("history.mv.db");
    }

    @Test
    void openingTwiceMigratesOnceAndKeepsWhatWasRecorded() throws Exception {
        Path location = db.resolve("history");
        try (History history = History.open(location.toString())) {
            drill(history, MONDAY, 1000L);
        }

        try (History history = History.open(location.toString())) {
            assertThat(history.runs(null, null)).hasSize(1);
        }

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + location.toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT \"version\", \"success\" FROM \"" + History.SCHEMA_TABLE
                     + "\" WHERE \"version\" IS NOT NULL")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("1");
            assertThat(r.getBoolean(2)).isTrue();
            assertThat(r.next()).as("one migration applied, once").isFalse();
        }
    }

    @Test
    void aJdbcUrlOfAnotherDatabaseIsRefusedInOneLineWithoutItsPassword() {
        assertThatHistoryFails(() -> History.open("jdbc:mysql://db/x?user=u&password=s3cret"))
                .isEqualTo("history jdbc:mysql://db/x?user=u&password=***: expected a jdbc:h2: or jdbc:postgresql:"
                        + " URL (or an H2 file's path)");
    }

    @Test
    void anUnreachablePostgresqlSaysWhichInOneLineWithoutItsPassword() {
        assertThatHistoryFails(() -> History.open("jdbc:postgresql://127.0.0.1:1/faultline?user=u&password=s3cret"
                + "&connectTimeout=2"))
                .startsWith("history jdbc:postgresql://127.0.0.1:1/faultline?user=u&password=***&connectTimeout=2:"
                        + " cannot migrate its schema: ")
                .doesNotContain("s3cret");
    }

    @Test
    void anInMemoryH2HistoryLastsAcrossCalls() throws Exception {
        try (History history = History.open("jdbc:h2:mem:" + db.getFileName())) {
            history.recordRun(null, null, Runs.run(runs.resolve("a"), "worker-crash", MONDAY, 1L));

            assertThat(history.runs(null, null)).hasSize(1);
        }
    }

    @Test
    void aFileAnotherProcessHoldsIsReadOnceThatProcessLetsItGo() throws Exception {
        Path location = db.resolve("history");
        try (History history = History.open(location.toString())) {
            history.recordRun(null, null, Runs.run(runs.resolve("a"), "worker-crash", MONDAY, 1L));

            whileAnotherProcessHolds(location, () -> assertThat(history.runs(null, null)).hasSize(1));
        }
    }

    @Test
    void aFileAnotherProcessHoldsIsOpenedOnceThatProcessLetsItGo() throws Exception {
        Path location = db.resolve("history");
        History.open(location.toString()).close();

        whileAnotherProcessHolds(location, () -> History.open(location.toString()).close());
    }

    /** Runs {@code call} while another process holds the H2 file for 1.5 s; it must end after that process let go. */
    private static void whileAnotherProcessHolds(Path location, Call call) throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldH2File.class.getName(),
                location.toAbsolutePath().toString(), "1500").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("held");

            call.run();
            long doneAt = System.currentTimeMillis();

            String released = out.readLine();
            assertThat(released).startsWith("released at ");
            assertThat(doneAt).as("done once the other process let the file go")
                    .isGreaterThanOrEqualTo(Long.parseLong(released.substring("released at ".length())));
        } finally {
            other.destroy();
        }
    }

    @Test
    void anEmptyLocationIsRefused() {
        assertThatHistoryFails(() -> History.open(" "))
                .isEqualTo("history: expected a JDBC URL or a file path but was empty");
    }
}
