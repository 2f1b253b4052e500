package dev.faultline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;

/** What the tests ask Docker directly: which Faultline containers exist. */
final class Docker {
    private static final Pattern SCENARIO_NAME = Pattern.compile("(?m)^scenario:\\s*([a-z0-9-]+)");

    private Docker() {
    }

    /**
     * Containers of runs of the shipped scenarios, any state: what {@code docker ps -a --filter
     * label=dev.faultline.run} lists of them (run ids start with the scenario's name; other users of this Docker
     * engine are left out).
     */
    static List<String> faultlineContainers() {
        Set<String> scenarios = shippedScenarioNames();
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of("dev.faultline.run")).exec().stream()
                .filter(c -> {
                    String run = c.getLabels().getOrDefault("dev.faultline.run", "");
                    return scenarios.stream().anyMatch(run::startsWith);
                })
                .map(c -> String.join(",", c.getNames()))
                .toList();
    }

    /** The containers of one run, any state: name and state ({@code running}, {@code exited}, ...). */
    static java.util.Map<String, String> containersOfRun(String runId) {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of("dev.faultline.run=" + runId)).exec().stream()
                .collect(Collectors.toMap(c -> String.join(",", c.getNames()), c -> c.getState()));
    }

    private static Set<String> shippedScenarioNames() {
        try (Stream<Path> files = Files.walk(ShippedScenariosIT.ROOT.resolve("scenarios"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).map(Docker::scenarioName)
                    .filter(n -> !n.isEmpty()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String scenarioName(Path file) {
        try {
            Matcher m = SCENARIO_NAME.matcher(Files.readString(file));
            return m.find() ? m.group(1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
