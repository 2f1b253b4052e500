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
