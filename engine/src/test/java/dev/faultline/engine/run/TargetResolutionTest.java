package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Target;

class TargetResolutionTest {
    private static final List<String> WORKERS = List.of("worker-0", "worker-1", "worker-2", "worker-3");

    @Test
    void aServiceTargetsEveryReplica() {
        assertThat(FaultDriver.resolve(Target.parse("worker"), WORKERS, 1)).isEqualTo(WORKERS);
    }

    @Test
    void anIndexTargetsThatReplica() {
        assertThat(FaultDriver.resolve(Target.parse("worker[2]"), WORKERS, 1)).containsExactly("worker-2");
    }

    @Test
    void randomRepeatsForTheSameSeed() {
        List<String> first = FaultDriver.resolve(Target.parse("worker[random]"), WORKERS, 7);
        List<String> again = FaultDriver.resolve(Target.parse("worker[random]"), WORKERS, 7);

        assertThat(first).hasSize(1).isEqualTo(again);
    }

    @Test
    void randomCoversEveryReplicaOverSeeds() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 64; seed++) {
            seen.addAll(FaultDriver.resolve(Target.parse("worker[random]"), WORKERS, seed));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(WORKERS);
    }

    @Test
    void aShareRoundsUpToWholeReplicas() {
        assertThat(FaultDriver.resolve(Target.parse("worker[50%]"), WORKERS, 3)).hasSize(2)
                .doesNotHaveDuplicates();
        assertThat(FaultDriver.resolve(Target.parse("worker[10%]"), WORKERS, 3)).hasSize(1);
    }
}
