package com.example.chaos;

import static dev.faultline.assertions.api.FaultlineAssertions.assertThat;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import java.nio.file.Path;

import dev.faultline.Faultline;
import dev.faultline.api.Faults;
import dev.faultline.api.Load;
import dev.faultline.api.Objectives;
import dev.faultline.api.Probes;
import dev.faultline.api.Rate;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.RunResult;
import dev.faultline.injectors.Signal;
import dev.faultline.junit.FaultlineTest;
import dev.faultline.junit.ScenarioRunner;

/** A scenario written in Java with the typed classes: the same checks as a YAML file, and the same run. */
class DeskCrashJavaIT {

    @FaultlineTest
    void aKilledDeskAgentFinishesWhatItAccepted(ScenarioRunner faultline) {
        Scenario scenario = Faultline.scenario("desk-crash-java")
                .topology(Path.of("src/test/chaos/topologies/desk.yaml"))
                .seed(13)
                .probe(Probes.http("desk-up", "desk", 8080, "/health").within(ofMillis(500)))
                .load(Load.ledger(Rate.perSecond(10), ofSeconds(10))
                        .submit("desk", 8080, "/tasks")
                        .results("desk", 8080, "/results")
                        .drain(ofSeconds(15)))
                .fault("kill-desk", Faults.agentCrash(Signal.KILL).on("desk").at(ofSeconds(3)))
                .objective(Objectives.recovery(ofSeconds(10)).stableFor(ofSeconds(2)))
                .objective(Objectives.integrity().lost(0).duplicated(0))
                .build();

        RunResult result = faultline.run(scenario);   // fails the test unless the verdict is PASSED

        assertThat(result).recoveredWithin(ofSeconds(10)).lostNothing().noDuplicates().assertAll();
    }
}
