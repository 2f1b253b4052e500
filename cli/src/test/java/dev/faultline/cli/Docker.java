package dev.faultline.cli;

import java.util.List;

import org.testcontainers.DockerClientFactory;

/** What the tests ask Docker directly: which Faultline containers exist. */
final class Docker {
    private Docker() {
    }

    /**
     * Containers of runs of the shipped worker-crash scenarios, any state: what
     * {@code docker ps -a --filter label=dev.faultline.run} lists of them (run ids start with the scenario's name;
     * other users of this Docker engine are left out).
     */
    static List<String> faultlineContainers() {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of("dev.faultline.run")).exec().stream()
                .filter(c -> c.getLabels().getOrDefault("dev.faultline.run", "").startsWith("worker-crash"))
                .map(c -> String.join(",", c.getNames()))
                .toList();
    }
}
