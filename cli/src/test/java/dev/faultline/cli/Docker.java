package dev.faultline.cli;

import java.util.List;

import org.testcontainers.DockerClientFactory;

/** What the tests ask Docker directly: which Faultline containers exist. */
final class Docker {
    private Docker() {
    }

    /** Every container carrying {@code dev.faultline.run}, any state: what {@code docker ps -a --filter label=dev.faultline.run} lists. */
    static List<String> faultlineContainers() {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of("dev.faultline.run")).exec().stream()
                .map(c -> String.join(",", c.getNames()))
                .toList();
    }
}
