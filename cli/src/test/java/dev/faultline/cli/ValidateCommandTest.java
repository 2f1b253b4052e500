package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final Path SCENARIOS = Path.of(System.getProperty("faultline.root", "..")).resolve("scenarios");
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    @Test
    void theShippedScenariosAreValid() {
        int exit = FaultlineCommand.execute("validate", SCENARIOS.toString(), SCENARIOS.resolve("controls").toString());

        assertThat(exit).as(console.err()).isZero();
        assertThat(console.out()).contains("ok  worker-crash ").contains("ok  worker-crash-unsafe ");
    }

    @Test
    void theShippedDrillIsValidatedWithItsScenarios() {
        Path drill = SCENARIOS.resolveSibling("drills").resolve("monthly-game-day.yaml");

        int exit = FaultlineCommand.execute("validate", drill.toString(), SCENARIOS.resolve("worker-crash.yaml").toString());

        assertThat(exit).as(console.err()).isZero();
        assertThat(console.out()).contains("ok  monthly-game-day (" + drill + "): drill of 2 scenario(s): worker-crash,"
                + " broker-outage").contains("ok  worker-crash (");
    }

    @Test
    void aYamlErrorExitsTwoWithFileLineColumnAndFieldPath() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, """
                scenario: bad
                topology:
                  services:
                    worker: { image: faultline/agent, role: agent }
                faults:
                  - name: crash
                    type: agent-crash
                    target: worker
                    at: 10s
                    with: { signal: HUP }
                """);

        int exit = FaultlineCommand.execute("validate", bad.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err())
                .contains(bad + ":10:21 faults[0].with.signal: expected one of kill, term but was 'HUP'");
    }

    @Test
    void aLoadDriverThatIsNotInstalledExitsTwoNamingTheLineAndTheInstalledDrivers() throws Exception {
        Path gatling = tmp.resolve("jmeter.yaml");
        Files.writeString(gatling, """
                scenario: jmeter
                topology:
                  services:
                    worker: { image: faultline/agent, role: agent }
                load:
                  driver: jmeter
                  rate: 20/s
                  duration: 30s
                  submit:  { service: worker, port: 8080, path: /tasks }
                  results: { service: worker, port: 8080, path: /results }
                """);

        int exit = FaultlineCommand.execute("validate", gatling.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err())
                .contains(gatling + ":6:11 load.driver: expected one of gatling, ledger but was 'jmeter'");
    }

    @Test
    void runWithInvalidInputExitsTwoBeforeStartingAnything() throws Exception {
        Path bad = tmp.resolve("typo.yaml");
        Files.writeString(bad, "scenario: typo\nseeed: 3\ntopology: { services: { a: { image: x } } }\n");

        int exit = FaultlineCommand.execute("run", bad.toString(), "--report-dir", tmp.resolve("out").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains(bad + ":2:1 seeed: unknown field; did you mean 'seed'?")
                .contains("nothing was started");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
