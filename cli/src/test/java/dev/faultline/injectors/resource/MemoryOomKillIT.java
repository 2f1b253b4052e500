package dev.faultline.injectors.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.engine.run.RunOptions;
import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.run.Runner;
import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.ServiceState;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * Memory at 100% ends in the kernel's OOM kill of the target's main process (not of the stress tool), and the
 * topology's restart policy brings it back; the fault is verified by the kill.
 */
class MemoryOomKillIT {
    @TempDir
    Path tmp;

    @Test
    void memoryAtOneHundredPercentEndsInAnOomKillAndTheRestartPolicyApplies() {
        String scenario = """
                scenario: oom-kill
                topology:
                  topology: oom
                  services:
                    agent:
                      image: faultline/agent
                      role: agent
                      env: { AGENT_ROLE: worker }
                      ports: [8080]
                      restart: { policy: on-failure, delay: 1s }
                      resources: { memory: 192m }
                faults:
                  - { name: squeeze-memory, type: resource-exhaustion, target: agent, at: 1s, duration: 4s,
                      with: { resource: memory, level: 100% } }
                """;
        RunOptions options = new RunOptions(tmp.resolve("out"), OptionalLong.empty(), null, null, Duration.ofSeconds(5));

        RunResult result = new Runner().run(ScenarioLoader.standard().load(scenario, tmp.resolve("oom.yaml")), options);

        List<TimelineEvent.FaultChange> fault = result.record().timeline().events(TimelineEvent.FaultChange.class,
                f -> true);
        assertThat(fault).as(result.reason()).anySatisfy(f -> {
            assertThat(f.change()).isEqualTo(FaultState.VERIFIED);
            assertThat(f.detail()).contains("OOM-killed");
        });
        List<TimelineEvent.ServiceChange> agent = result.record().timeline().events(TimelineEvent.ServiceChange.class,
                s -> s.instance().equals("agent"));
        assertThat(agent).extracting(TimelineEvent.ServiceChange::change)
                .containsSubsequence(ServiceState.DIED, ServiceState.RESTARTED);
        assertThat(agent).filteredOn(s -> s.change() == ServiceState.DIED).first()
                .satisfies(died -> assertThat(died.detail()).contains("137"));
        System.out.printf("memory at 100%%: %s%n", fault);
    }
}
