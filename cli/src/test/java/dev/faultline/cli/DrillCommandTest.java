package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline drill ...} without Docker: the plan's text, and every bad input refused before anything starts. */
class DrillCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("faultline.root", ".."));
    private static final Path SHIPPED = ROOT.resolve("drills/monthly-game-day.yaml");

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    /** The shipped drill and its scenarios copied into {@code tmp}: drills/ beside scenarios/. */
    private Path copyOfTheShippedDrill() throws Exception {
        ShippedScenariosIT.copySupportDesk(Files.createDirectories(tmp.resolve("scenarios")));
        for (String s : new String[] {"worker-crash.yaml", "broker-outage.yaml"}) {
            Files.copy(ROOT.resolve("scenarios").resolve(s), tmp.resolve("scenarios").resolve(s));
        }
        Files.createDirectories(tmp.resolve("drills"));
        return Files.copy(SHIPPED, tmp.resolve("drills/monthly-game-day.yaml"));
    }

    private String history() {
        return tmp.resolve("history/db").toString();
    }

    @Test
    void theShippedDrillIsPlannedOnTheFirstTuesdaysAtTenBerlinTime() {
        int exit = FaultlineCommand.execute("drill", "plan", SHIPPED.toString(), "--no-steady-state-check",
                "--history", history(), "--times", "3");

        assertThat(exit).as(console.err()).isZero();
        assertThat(console.out()).contains("drill monthly-game-day (")
                .contains("schedule: cron \"0 10 1-7 * *\" in Europe/Berlin, window tue 09:00-17:00, at least 20d apart;")
                .contains("next 3 run(s), Europe/Berlin time:")
                .containsPattern("Tue \\d{4}-\\d{2}-0[1-7] 10:00 \\+0[12]:00")
                .contains("1. worker-crash (").contains("2. broker-outage (")
                .contains("inject kill-worker: agent-crash on worker[0]")
                .contains("halt when probe api-ready fails for 1m")
                .contains("regression: rto may grow by 20% or 2s, the larger, rpo may grow by 1s, lost may grow by 0");
        assertThat(console.out()).doesNotContain("steady-state check");
    }

    @Test
    void anInvalidDrillExitsTwoNamingTheSpotAndStartsNothing() throws Exception {
        Path bad = copyOfTheShippedDrill();
        Files.writeString(bad, Files.readString(bad).replace("time-zone: Europe/Berlin", "time-zone: Europe/Atlantis"));

        for (String command : new String[] {"plan", "run"}) {
            int exit = FaultlineCommand.execute("drill", command, bad.toString(), "--history", history(),
                    "--report-dir", tmp.resolve("results").toString());

            assertThat(exit).as(command).isEqualTo(2);
        }
        assertThat(console.err()).contains(bad + ":").contains("schedule.time-zone: expected a time zone")
                .contains("nothing was started").doesNotContain("Exception");
        assertThat(tmp.resolve("results")).doesNotExist();
        assertThat(tmp.resolve("history")).doesNotExist();
    }

    @Test
    void hostileDrillFilesAreRefusedWithExitTwo() throws Exception {
        Path drills = Files.createDirectories(tmp.resolve("drills"));
        Path outside = drills.resolve("outside.yaml");
        Files.writeString(outside, "drill: outside\nscenarios: [../../../../../../etc/passwd]\n");
        Path control = drills.resolve("control.yaml");
        Files.writeString(control, "drill: \"a\\u0007b\"\nscenarios: [x.yaml]\n");

        assertThat(FaultlineCommand.execute("drill", "plan", "/dev/zero", "--history", history())).isEqualTo(2);
        assertThat(FaultlineCommand.execute("drill", "plan", outside.toString(), "--history", history())).isEqualTo(2);
        assertThat(FaultlineCommand.execute("drill", "run", control.toString(), "--history", history())).isEqualTo(2);
        assertThat(FaultlineCommand.execute("drill", "plan", SHIPPED.toString(), "--times", "99999999999",
                "--history", history())).isEqualTo(2);
        assertThat(FaultlineCommand.execute("drill", "plan", SHIPPED.toString(), "--times", "0",
                "--history", history())).isEqualTo(2);

        assertThat(FaultlineCommand.execute("drill", "plan", SHIPPED.toString(), "--no-steady-state-check",
                "--history", "jdbc:mysql://127.0.0.1/x?password=secret")).isEqualTo(2);

        assertThat(console.err()).doesNotContain("Exception").doesNotContain("root:x:0:0").doesNotContain("secret")
                .contains("scenarios[0]: expected a scenario file or folder inside this drill's folder");
        assertThat(tmp.resolve("history")).doesNotExist();
    }

    @Test
    void aDrillWithoutScheduleCannotBeScheduled() throws Exception {
        copyOfTheShippedDrill();
        Path byHand = tmp.resolve("drills/by-hand.yaml");
        Files.writeString(byHand, "drill: by-hand\nscenarios: [../scenarios/worker-crash.yaml]\n");

        int exit = FaultlineCommand.execute("drill", "schedule", byHand.toString(), "--history", history());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains(byHand + ": schedule: missing; a drill without one is run by hand");
    }
}
