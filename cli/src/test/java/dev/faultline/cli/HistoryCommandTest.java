package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.Fixtures;
import dev.faultline.reports.history.History;
import dev.faultline.reports.saved.SavedRun;

/**
 * {@code faultline history} on an H2 history in a temporary folder holding the two real saved runs (reports'
 * fixtures): worker-crash (PASSED, RTO 2.98s) outside a drill, then worker-crash-unsafe (FAILED, 7 lost) in drill
 * game-day.
 */
class HistoryCommandTest {
    private static final Path FIXTURES = Path.of(System.getProperty("faultline.root", ".."))
            .resolve("reports/src/test/resources/runs");
    private static final String NL = System.lineSeparator();
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    private String recorded() throws Exception {
        Path runs = Fixtures.copyRuns(FIXTURES, tmp.resolve("results"));
        String location = tmp.resolve("history").toString();
        try (History history = History.open(location)) {
            history.recordRun(null, null, SavedRun.read(runs.resolve("worker-crash")));
            long drill = history.startDrill("game-day", null, Instant.parse("2026-12-02T00:18:30Z")).orElseThrow();
            history.recordRun(drill, "game-day", SavedRun.read(runs.resolve("worker-crash-unsafe")));
            history.endDrill(drill, Verdict.FAILED, "7 lost", Instant.parse("2026-12-02T00:20:00Z"));
        }
        return location;
    }

    @Test
    void everyRecordedRunIsOneLineOldestFirstWithItsFigures() throws Exception {
        String location = recorded();

        int exit = FaultlineCommand.execute("history", "--history", location);

        assertThat(exit).as(console.err()).isZero();
        assertThat(console.out()).isEqualTo(""
                + "started (UTC)        drill     scenario             verdict    RTO    RPO  lost  duplicated   p99" + NL
                + "2026-12-02 00:17:45  —         worker-crash         PASSED   2.98s     0s     0           0  40ms" + NL
                + "2026-12-02 00:18:33  game-day  worker-crash-unsafe  FAILED   3.12s  643ms     7           0  52ms" + NL
                + "2 run(s) in " + tmp.resolve("history.mv.db").toAbsolutePath() + NL);
    }

    @Test
    void scenarioDrillAndSinceEachLeaveOutTheOtherRuns() throws Exception {
        String location = recorded();

        FaultlineCommand.execute("history", "--history", location, "--scenario", "worker-crash");
        FaultlineCommand.execute("history", "--history", location, "--drill", "game-day");
        FaultlineCommand.execute("history", "--history", location, "--since", "2026-12-02T00:18:00Z");
        FaultlineCommand.execute("history", "--history", location, "--since", "2026-12-03");

        assertThat(console.out().lines().filter(l -> l.startsWith("2026-"))).containsExactly(
                "2026-12-02 00:17:45  —      worker-crash  PASSED   2.98s   0s     0           0  40ms",
                "2026-12-02 00:18:33  game-day  worker-crash-unsafe  FAILED   3.12s  643ms     7           0  52ms",
                "2026-12-02 00:18:33  game-day  worker-crash-unsafe  FAILED   3.12s  643ms     7           0  52ms");
        assertThat(console.out()).contains("1 run(s) in ").contains(" (scenario worker-crash)" + NL)
                .contains(" (drill game-day)" + NL).contains(" (since 2026-12-02T00:18:00Z)" + NL)
                .contains("no runs recorded in " + tmp.resolve("history.mv.db").toAbsolutePath()
                        + " (since 2026-12-03)" + NL);
    }

    @Test
    void aBadSinceExitsTwoWithOneLineThatSaysWhatWasExpected() throws Exception {
        String location = recorded();

        int exit = FaultlineCommand.execute("history", "--history", location, "--since", "yesterday");

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).isEqualTo("faultline history: --since: expected a day (2026-11-01), an instant"
                + " (2026-11-01T10:00:00Z) or an age (90m, 12h, 7d, 2w) but was 'yesterday'" + NL);
        assertThat(console.out()).isEmpty();
    }

    @Test
    void aJdbcUrlOfAnotherDatabaseExitsTwoWithoutItsPassword() {
        int exit = FaultlineCommand.execute("history", "--history", "jdbc:mysql://db/x?password=s3cret");

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).isEqualTo("faultline history: history jdbc:mysql://db/x?password=***: expected a"
                + " jdbc:h2: or jdbc:postgresql: URL (or an H2 file's path)" + NL);
    }

    @Test
    void anUnknownOptionExitsTwo() {
        int exit = FaultlineCommand.execute("history", "--senario", "x");

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).startsWith("Unknown options: '--senario', 'x'" + NL + "Usage: faultline history ");
    }

    @Test
    void aHistoryFileThatDoesNotExistIsEmptyAndIsNotCreated() {
        Path missing = tmp.resolve("nowhere/history");

        int exit = FaultlineCommand.execute("history", "--history", missing.toString());

        assertThat(exit).as(console.err()).isZero();
        assertThat(console.out()).isEqualTo("no runs recorded: " + missing.toAbsolutePath() + ".mv.db does not exist"
                + " yet (a drill creates it)" + NL);
        assertThat(tmp.resolve("nowhere")).doesNotExist();
    }

    @Test
    void helpIsPrintedWithExitZero() {
        int exit = FaultlineCommand.execute("history", "--help");

        assertThat(exit).isZero();
        assertThat(console.out()).startsWith("Usage: faultline history ").contains("--since=WHEN");
    }

    @Test
    void sinceTakesADayAnInstantOrAnAgeBeforeNow() {
        Instant now = Instant.parse("2026-11-10T12:00:00Z");

        assertThat(HistoryCommand.since("2026-11-01", now)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(HistoryCommand.since("2026-11-01T10:00:00Z", now)).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(HistoryCommand.since("7d", now)).isEqualTo(Instant.parse("2026-11-03T12:00:00Z"));
        assertThat(HistoryCommand.since("12h", now)).isEqualTo(Instant.parse("2026-11-10T00:00:00Z"));
        assertThat(HistoryCommand.since("90m", now)).isEqualTo(Instant.parse("2026-11-10T10:30:00Z"));
        assertThat(HistoryCommand.since("2w", now)).isEqualTo(Instant.parse("2026-10-27T12:00:00Z"));
        assertThatThrownBy(() -> HistoryCommand.since("7 days", now)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistoryCommand.since("2026-13-01", now)).isInstanceOf(IllegalArgumentException.class);
    }
}
