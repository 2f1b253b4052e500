package dev.faultline.engine.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.runtime.ContainerEvent;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.ContainerSetup;
import dev.faultline.engine.spi.LinkControl;

/**
 * A topology without Docker: every instance "runs" and answers on {@code port} (a test's own HTTP server on
 * 127.0.0.1, or -1 for none); remembers whether it was started and closed.
 */
final class FakeTopology implements RunningTopology {
    private final Topology topology;
    private final int port;
    private final Set<String> unsupervised = ConcurrentHashMap.newKeySet();
    /** What faults asked for before the start, per service, and whether it came before the start. */
    final Map<String, ContainerSetup> setups = new ConcurrentHashMap<>();
    volatile boolean preparedAfterStart;
    volatile boolean started;
    volatile boolean closed;
    /** What {@link #saveLogs} throws, if anything. */
    volatile RuntimeException saveLogsFailure;
    private final List<Consumer<String>> engineLostListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ContainerEvent>> eventListeners = new CopyOnWriteArrayList<>();
    /** Instances whose process is down (a "die" was emitted and no start since). */
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Set<String> retiredInstances = ConcurrentHashMap.newKeySet();
    /** Every start, redeploy and retire, in order: {@code start worker-0}, {@code redeploy worker-0}, .. */
    final List<String> actions = new CopyOnWriteArrayList<>();

    FakeTopology(Topology topology, int port) {
        this.topology = topology;
        this.port = port;
    }

    @Override
    public void prepare(String service, ContainerSetup setup) {
        preparedAfterStart |= started;
        setups.merge(service, setup, ContainerSetup::and);
    }

    @Override
    public void start(Consumer<String> progress) {
        started = true;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public ServiceSpec serviceOf(String instance) {
        return topology.services().values().stream().filter(s -> s.instanceNames().contains(instance)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance " + instance));
    }

    @Override
    public int hostPort(String instance, int containerPort) {
        return down.contains(instance) ? -1 : port;
    }

    @Override
    public ContainerControl control() {
        return new ContainerControl() {
            @Override
            public void kill(String instance, String signal) {
            }

            @Override
            public void stop(String instance, Duration timeout) {
            }

            @Override
            public void start(String instance) {
                actions.add("start " + instance);
                down.remove(instance);
            }

            @Override
            public void pause(String instance) {
            }

            @Override
            public void unpause(String instance) {
            }

            @Override
            public boolean isRunning(String instance) {
                return !down.contains(instance);
            }

            @Override
            public boolean isPaused(String instance) {
                return false;
            }

            @Override
            public String startedAt(String instance) {
                return "start-1";
            }

            @Override
            public int exec(String instance, String... command) {
                return 0;
            }

            @Override
            public void supervise(String instance, boolean enabled) {
                if (enabled) {
                    unsupervised.remove(instance);
                } else {
                    unsupervised.add(instance);
                }
            }
        };
    }

    @Override
    public void redeploy(String instance) {
        actions.add("redeploy " + instance);
        down.remove(instance);
    }

    @Override
    public void retire(String instance) {
        actions.add("retire " + instance);
        retiredInstances.add(instance);
    }

    @Override
    public boolean retired(String instance) {
        return retiredInstances.contains(instance);
    }

    /** What Docker's event stream does: tells every listener; a "die" takes the instance down. */
    void emit(String instance, String action) {
        if (action.equals("die")) {
            down.add(instance);
        }
        Instant now = Instant.now();
        ContainerEvent event = new ContainerEvent(instance, action, action.equals("die") ? 137L : null,
                now.getEpochSecond() * 1_000_000_000L + now.getNano());
        eventListeners.forEach(l -> l.accept(event));
    }

    @Override
    public boolean supervised(String instance) {
        return !unsupervised.contains(instance);
    }

    @Override
    public LinkControl links() {
        return LinkControl.none();
    }

    @Override
    public void onContainerEvent(Consumer<ContainerEvent> listener) {
        eventListeners.add(listener);
    }

    @Override
    public void onEngineLost(Consumer<String> listener) {
        engineLostListeners.add(listener);
    }

    /** What a lost Docker engine does to a real topology: tells the run, once. */
    void loseEngine(String why) {
        engineLostListeners.forEach(l -> l.accept(why));
    }

    @Override
    public void saveLogs(Path dir) {
        if (saveLogsFailure != null) {
            throw saveLogsFailure;
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
