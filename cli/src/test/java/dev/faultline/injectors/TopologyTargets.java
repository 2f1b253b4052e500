package dev.faultline.injectors;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.runtime.TopologyRuntime;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * A test topology in real containers, started once for all the test classes that extend with the targets holding it
 * (by the first of them) and removed when the whole test plan has run. What one set of targets has of its own: the
 * topology file under test resources, the prefix of its run id, which part of it starts, and when it is ready.
 */
final class TopologyTargets {
    private final String file;
    private final String runPrefix;
    private final UnaryOperator<Topology> whatStarts;
    private final Consumer<TopologyRuntime> prepare;
    private final Consumer<TopologyRuntime> awaitReady;
    private Topology topology;
    private TopologyRuntime runtime;

    /** The whole topology of {@code file}, ready once its containers are. */
    TopologyTargets(String file, String runPrefix) {
        this(file, runPrefix, UnaryOperator.identity(), runtime -> { }, started -> { });
    }

    private TopologyTargets(String file, String runPrefix, UnaryOperator<Topology> whatStarts,
            Consumer<TopologyRuntime> prepare, Consumer<TopologyRuntime> awaitReady) {
        this.file = file;
        this.runPrefix = runPrefix;
        this.whatStarts = whatStarts;
        this.prepare = prepare;
        this.awaitReady = awaitReady;
    }

    /** These targets, starting only what {@code part} keeps of the declared topology. */
    TopologyTargets starting(UnaryOperator<Topology> part) {
        return new TopologyTargets(file, runPrefix, part, prepare, awaitReady);
    }

    /** These targets, with {@code preparation} done on the runtime before it starts (e.g. a fault's setup). */
    TopologyTargets preparedBy(Consumer<TopologyRuntime> preparation) {
        return new TopologyTargets(file, runPrefix, whatStarts, preparation, awaitReady);
    }

    /** These targets, ready once {@code await} returns on the started runtime (it throws if they never are). */
    TopologyTargets readyWhen(Consumer<TopologyRuntime> await) {
        return new TopologyTargets(file, runPrefix, whatStarts, prepare, await);
    }

    /** Starts the containers once, and has JUnit remove them when it closes its root store. */
    void startFor(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(this, k -> new Started(runtime()), Started.class);
    }

    /** Removes the containers (and whatever a failed test left in them) when JUnit closes its root store. */
    private record Started(TopologyRuntime runtime) implements AutoCloseable {
        @Override
        public void close() {
            runtime.close();
        }
    }

    /** The topology as declared, whether or not all of it is started. */
    synchronized Topology topology() {
        if (topology == null) {
            topology = ScenarioLoader.standard().loadTopology(resource(file));
        }
        return topology;
    }

    synchronized TopologyRuntime runtime() {
        if (runtime == null) {
            TopologyRuntime started = new TopologyRuntime(whatStarts.apply(topology()),
                    runPrefix + "-" + ProcessHandle.current().pid());
            try {
                prepare.accept(started);
                started.start(progress -> { });
                awaitReady.accept(started);
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            runtime = started;
        }
        return runtime;
    }

    ContainerControl control() {
        return runtime().control();
    }

    /** A service as the topology declares it. */
    ServiceSpec service(String name) {
        return topology().services().get(name);
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(TopologyTargets.class.getClassLoader().getResource(name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
