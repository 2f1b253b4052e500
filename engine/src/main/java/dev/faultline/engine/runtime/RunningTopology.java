package dev.faultline.engine.runtime;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.function.Consumer;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.ContainerSetup;
import dev.faultline.engine.spi.LinkControl;

/**
 * A run's own topology, as the run sees it: started once, its containers controlled by instance name
 * ({@code worker-0}), removed by {@link #close()}. {@link TopologyRuntime} is the one on Docker; tests use fakes.
 */
public interface RunningTopology extends Closeable {
    /**
     * Adds what a fault needs in every container of {@code service} before it starts ({@link
     * dev.faultline.engine.spi.Fault#setup}); called before {@link #start}, once per fault.
     */
    void prepare(String service, ContainerSetup setup);

    /** Starts every service (and the fault proxies of the declared links); reports progress as it goes. */
    void start(Consumer<String> progress);

    Topology topology();

    /** The service of an instance ({@code worker} for {@code worker-1}). */
    ServiceSpec serviceOf(String instance);

    /** The port on 127.0.0.1 that reaches {@code containerPort} of the instance now, or -1 when it is not running. */
    int hostPort(String instance, int containerPort);

    ContainerControl control();

    /** Whether the supervisor may restart the instance (a fault turns this off: {@link ContainerControl#supervise}). */
    boolean supervised(String instance);

    /**
     * Removes the instance's container and starts a fresh one from its image, same name, network aliases, settings
     * and fault setups ({@code restart.strategy: redeploy}); returns once it started and passed its wait (health
     * endpoint, else ports), or throws why it did not.
     */
    default void redeploy(String instance) {
        throw new UnsupportedOperationException("redeploy is not supported by " + getClass().getSimpleName());
    }

    /**
     * Takes the instance out of its service for the rest of the run ({@code restart.strategy: scale-down}): it is not
     * restarted, and probes, health sampling and state reading leave it out.
     */
    default void retire(String instance) {
        throw new UnsupportedOperationException("retire is not supported by " + getClass().getSimpleName());
    }

    /** Whether the instance was {@link #retire retired}. */
    default boolean retired(String instance) {
        return false;
    }

    /** The instances of {@code service} that were not {@link #retire retired}, in order. */
    default java.util.List<String> serving(String service) {
        return topology().services().get(service).instanceNames().stream().filter(i -> !retired(i)).toList();
    }

    /** The fault proxies on the declared links. */
    LinkControl links();

    /** Calls {@code listener} for every start, death, pause and unpause of the run's containers. */
    void onContainerEvent(Consumer<ContainerEvent> listener);

    /**
     * Calls {@code listener} once, with a one-line reason starting "Docker engine lost: ", if the engine that runs
     * the topology goes away (stopped, killed, restarted or hung) after {@link #start} and before {@link #close()}.
     */
    void onEngineLost(Consumer<String> listener);

    /** Saves every container's output to {@code dir/<instance>.log}. */
    void saveLogs(Path dir);

    /** Removes every container and network of the run, whatever state it is in. */
    @Override
    void close();
}
