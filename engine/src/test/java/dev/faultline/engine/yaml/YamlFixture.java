package dev.faultline.engine.yaml;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Writes YAML files into a temporary folder and collects the problems a load reports. */
final class YamlFixture {
    /** A small valid topology: {@code broker} (1 replica), {@code worker} (2 replicas), one link. */
    static final String TOPOLOGY = """
            topology: tiny
            services:
              broker: { image: faultline/rabbitmq, role: broker, ports: [5672] }
              worker:
                image: faultline/agent
                role: agent
                replicas: 2
                health: { path: /health, port: 8080 }
                depends-on: [broker]
            links:
              - { from: worker, to: broker, port: 5672 }
            """;

    /** A valid scenario using every section once, against {@link #TOPOLOGY}; tests break one line of it. */
    static final String SCENARIO = """
            scenario: base
            description: every section once
            topology: topologies/tiny.yaml
            seed: 1
            steady-state:
              sample-every: 100ms
              probes:
                - name: ready
                  http: { service: worker, port: 8080, path: /ready }
                  expect: { status: 200, within: 500ms }
            load:
              driver: ledger
              rate: 20/s
              duration: 40s
              submit: { service: worker, port: 8080, path: /tasks }
              results: { service: worker, port: 8080, path: /results }
              drain: 30s
            faults:
              - name: kill-worker
                type: test-crash
                target: worker[0]
                at: 10s
                with: { signal: KILL }
              - name: broker-away
                type: test-outage
                target: broker
                at: 20s
                duration: 15s
                with: { mode: stop }
            objectives:
              recovery: { within: 15s, stable-for: 3s }
            halt-when:
              - { probe: ready, failing-for: 30s }
            """;

    private final Path dir;

    YamlFixture(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Writes {@code text} to {@code name} (folders created) and returns its path. */
    Path write(String name, String text) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A scenario file {@code name} next to {@code topologies/tiny.yaml}. */
    Path scenario(String name, String text) {
        write("topologies/tiny.yaml", TOPOLOGY);
        return write(name, text);
    }

    /** {@code text} with {@code original} (which must occur exactly once) replaced. */
    static String replace(String text, String original, String replacement) {
        int at = text.indexOf(original);
        if (at < 0 || text.indexOf(original, at + 1) >= 0) {
            throw new IllegalArgumentException("'" + original + "' must occur exactly once in the fixture");
        }
        return text.substring(0, at) + replacement + text.substring(at + original.length());
    }

    /** The base scenario with one change, written as {@code scenario.yaml}. */
    Path scenarioWith(String original, String replacement) {
        return scenario("scenario.yaml", replace(SCENARIO, original, replacement));
    }

    /** The base topology with one change, written as {@code topologies/tiny.yaml}. */
    Path topologyWith(String original, String replacement) {
        return write("topologies/tiny.yaml", replace(TOPOLOGY, original, replacement));
    }

    /** The problems {@code load} throws (fails when it throws nothing or something else). */
    static List<Problem> problemsOf(ThrowingCallable load) {
        InvalidScenarioException[] caught = new InvalidScenarioException[1];
        assertThatThrownBy(() -> {
            try {
                load.call();
            } catch (InvalidScenarioException e) {
                caught[0] = e;
                throw e;
            }
        }).isInstanceOf(InvalidScenarioException.class);
        return caught[0].problems();
    }

    /** The problems as {@code path: message} (no file or position), for tests about what, not where. */
    static List<String> messagesOf(ThrowingCallable load) {
        return problemsOf(load).stream().map(p -> p.path() + ": " + p.message()).toList();
    }
}
