package dev.faultline.engine.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import dev.faultline.engine.model.Resources;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.ContainerSetup;

/**
 * A topology running in containers on its own Docker network, through Testcontainers. Every container and the
 * network carry {@code dev.faultline.run=<run id>}; {@link #close()} removes them whatever state they are in.
 * Ports are published on 127.0.0.1 only.
 */
public final class TopologyRuntime implements RunningTopology {
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    /** How long a service with neither {@code health} nor {@code ports} may take to write its first log line. */
    static final Duration FIRST_LOG_LINE = Duration.ofSeconds(30);

    private final Topology topology;
    private final String runId;
    private final DockerClient docker;
    private final Map<String, String> runLabels;
    /** Files read from the harness's own images, once per run. */
    private final Map<String, byte[]> imageFiles = new ConcurrentHashMap<>();
    private final Map<String, String> containerIds = new ConcurrentHashMap<>();
    private final Map<String, ServiceSpec> serviceOfInstance = new LinkedHashMap<>();
    private final Map<String, Map<Integer, Integer>> portCache = new ConcurrentHashMap<>();
    private final java.util.Set<String> dead = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> retired = ConcurrentHashMap.newKeySet();
    private final List<Consumer<ContainerEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<GenericContainer<?>> containers = new CopyOnWriteArrayList<>();
    private final ContainerControl control = new ContainerControl();
    private final LinkProxies linkProxies;
    /** What the faults need in each service's containers before they start ({@link #prepare}). */
    private final Map<String, ContainerSetup> setups = new ConcurrentHashMap<>();
    private final List<Consumer<String>> engineLostListeners = new CopyOnWriteArrayList<>();
    private Lease lease;
    /** Why the engine was lost, once it was: the starts still waiting give up. */
    private volatile String engineLost;
    private Network network;
    private Closeable eventStream;

    public TopologyRuntime(Topology topology, String runId) {
        this(topology, runId, 0L);
    }

    /** {@code seed} feeds the fault proxies' random choices (toxicity, jitter). */
    public TopologyRuntime(Topology topology, String runId, long seed) {
        this.topology = topology;
        this.runId = runId;
        this.docker = BoundedDocker.wrap(DockerClientFactory.instance().client());
        this.runLabels = Labels.forRun(runId);
        this.linkProxies = new LinkProxies(topology, runId, runLabels, seed);
        for (ServiceSpec s : topology.services().values()) {
            for (String instance : s.instanceNames()) {
                serviceOfInstance.put(instance, s);
            }
        }
    }

    public String runId() {
        return runId;
    }

    @Override
    public void prepare(String service, ContainerSetup setup) {
        if (network != null) {
            throw new IllegalStateException("a container setup for '" + service + "' came after the start");
        }
        if (!topology.services().containsKey(service)) {
            throw new IllegalArgumentException("no service '" + service + "' in topology " + topology.name());
        }
        setups.merge(service, setup, ContainerSetup::and);
    }

    /**
     * Starts the topology level by level ({@link StartPlan}): the fault proxies of the declared links with the
     * services that depend on nothing, then each next level of depends-on; everything in a level (replicas too)
     * at once, each waited for (health endpoint, else its ports). When a start fails, the starts still running are
     * stopped and the failure is thrown; {@link #close()} then removes whatever was started.
     */
    public void start(Consumer<String> progress) {
        lease = Lease.take(docker, runId, runLabels, this::engineLost); // before anything else of the run
        network = Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withName("faultline-" + runId).withLabels(runLabels))
                .build();
        network.getId();
        eventStream = watchEvents();
        Object oneAtATime = new Object();
        Consumer<String> report = message -> {
            synchronized (oneAtATime) {
                progress.accept(message);
            }
        };
        for (StartPlan.Level level : StartPlan.of(topology).levels()) {
            List<ParallelStart.Task> starts = new ArrayList<>(linkProxies.starts(level.proxied(), network, report));
            for (ServiceSpec service : level.services()) {
                starts.addAll(starts(service, report));
            }
            ParallelStart.all(starts, ParallelStart.STOP_WAIT, () -> engineLost);
        }
    }

    /** One start per replica of {@code service}; the last to end reports how long the service took. */
    private List<ParallelStart.Task> starts(ServiceSpec service, Consumer<String> progress) {
        long started = System.nanoTime();
        Runnable ready = ParallelStart.afterAll(service.instanceNames().size(), () -> progress.accept(
                service.name() + " ready in " + (System.nanoTime() - started) / 1_000_000 + " ms"));
        List<ParallelStart.Task> starts = new ArrayList<>();
        for (String instance : service.instanceNames()) {
            GenericContainer<?> c = container(service, instance);
            containers.add(c);
            starts.add(new ParallelStart.Task(instance, () -> {
                PortConflicts.start(instance, () -> {
                    try {
                        c.start();
                    } finally {
                        if (c.getContainerId() != null) { // also one that failed to start: its log says why
                            containerIds.put(instance, c.getContainerId());
                        }
                    }
                }, c::stop, progress);
                ready.run();
            }));
        }
        return starts;
    }

    private GenericContainer<?> container(ServiceSpec service, String instance) {
        Map<String, String> labels = new HashMap<>(runLabels);
        labels.put(Labels.SERVICE, service.name());
        labels.put(Labels.INSTANCE, instance);
        List<Integer> ports = new ArrayList<>(service.ports());
        if (service.health() != null && !ports.contains(service.health().port())) {
            ports.add(service.health().port());
        }
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(service.image()));
        c.withNetwork(network)
                .withNetworkAliases(aliases(service, instance))
                .withEnv(service.env())
                .withEnv("FAULTLINE_INSTANCE", instance)
                .withLabels(labels)
                .withStartupAttempts(1)
                .waitingFor(waitStrategy(service))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName("faultline-" + runId + "-" + instance).withHostName(hostName(service, instance));
                    HostConfig host = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
                    Ports bindings = new Ports();
                    for (int p : ports) {
                        bindings.bind(ExposedPort.tcp(p), Ports.Binding.bindIp("127.0.0.1"));
                    }
                    host.withPortBindings(bindings);
                    if (service.resources().cpus() != null) {
                        host.withNanoCPUs(Math.round(service.resources().cpus() * 1e9));
                    }
                    if (service.resources().memoryBytes() != null) {
                        host.withMemory(service.resources().memoryBytes());
                    }
                    Resources.Disk disk = service.resources().disk();
                    if (disk != null) { // bounded: a tmpfs of that size, never the host's disk
                        host.withTmpFs(Map.of(disk.path(), "rw,exec,size=" + disk.sizeBytes()));
                    }
                    cmd.withHostConfig(host);
                });
        if (!ports.isEmpty()) {
            c.withExposedPorts(ports.toArray(Integer[]::new));
        }
        ContainerSetup setup = setups.getOrDefault(service.name(), ContainerSetup.NONE);
        c.withEnv(setup.env()); // after the service's own: a fault's setup composes them (e.g. LD_PRELOAD)
        for (ContainerSetup.ImageFile file : setup.files()) { // copied after create, before the first start
            byte[] content = control.fileFromImage(file.image(), file.source());
            c.withCopyToContainer(Transferable.of(content, file.mode()), file.target());
        }
        return c;
    }

    /**
     * The instance's name, unless that is the service's name and a fault proxy has taken it: Docker's DNS also
     * answers to every container's host name, so a broker whose host name stayed {@code rabbitmq} would get half of
     * the connections meant for its proxy.
     */
    private String hostName(ServiceSpec service, String instance) {
        if (instance.equals(service.name()) && linkProxies.interposes(service.name())) {
            return LinkProxies.upstreamAlias(service.name());
        }
        return instance;
    }

    /** The service's name and the instance's, unless a fault proxy has taken the service's name. */
    private String[] aliases(ServiceSpec service, String instance) {
        List<String> aliases = new ArrayList<>();
        if (linkProxies.interposes(service.name())) {
            aliases.add(LinkProxies.upstreamAlias(service.name()));
        } else {
            aliases.add(service.name());
        }
        if (!instance.equals(service.name())) {
            aliases.add(instance);
        }
        return aliases.toArray(String[]::new);
    }

    private static WaitStrategy waitStrategy(ServiceSpec service) {
        if (service.health() != null) {
            return ReadyWait.http(service.health().path(), service.health().port(), STARTUP_TIMEOUT);
        }
        if (!service.ports().isEmpty()) {
            return Wait.forListeningPorts(service.ports().stream().mapToInt(Integer::intValue).toArray())
                    .withStartupTimeout(STARTUP_TIMEOUT);
        }
        // nothing to ask: up once it says anything. A JVM's first line took over a second on a busy 2-core host
        return Wait.forLogMessage(".*", 1).withStartupTimeout(FIRST_LOG_LINE);
    }

    private Closeable watchEvents() {
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                String instance = event.getActor() == null || event.getActor().getAttributes() == null
                        ? null : event.getActor().getAttributes().get(Labels.INSTANCE);
                if (instance == null) {
                    return;
                }
                switch (event.getAction()) {
                    case "die" -> dead.add(instance); // no published port until it starts again
                    case "start" -> {
                        portCache.remove(instance); // a restarted container may publish new ports
                        dead.remove(instance);
                    }
                    default -> {
                        // pause, unpause and kill leave the ports as they are
                    }
                }
                Long exitCode = null;
                String code = event.getActor().getAttributes().get("exitCode");
                if (code != null) {
                    exitCode = Long.parseLong(code);
                }
                long nanos = event.getTimeNano() == null ? 0 : event.getTimeNano();
                ContainerEvent ce = new ContainerEvent(instance, event.getAction(), exitCode, nanos);
                for (Consumer<ContainerEvent> l : listeners) {
                    l.accept(ce);
                }
            }

            @Override
            public void onError(Throwable error) {
                quietly(this); // the engine went away: the lease tells the run, without a stack trace in the log
            }
        };
        return docker.eventsCmd()
                .withLabelFilter(Map.of(Labels.RUN, runId))
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter("die", "start", "pause", "unpause", "kill")
                .exec(callback);
    }

    public void onContainerEvent(Consumer<ContainerEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void onEngineLost(Consumer<String> listener) {
        engineLostListeners.add(listener);
    }

    private void engineLost(String why) {
        engineLost = why;
        for (Consumer<String> l : engineLostListeners) {
            l.accept(why);
        }
    }

    public Topology topology() {
        return topology;
    }

    public ServiceSpec serviceOf(String instance) {
        ServiceSpec s = serviceOfInstance.get(instance);
        if (s == null) {
            throw new IllegalArgumentException("no instance '" + instance + "' in topology " + topology.name()
                    + "; instances: " + String.join(", ", serviceOfInstance.keySet()));
        }
        return s;
    }

    /**
     * The port on 127.0.0.1 that reaches {@code containerPort} of the instance now, or -1 when it is not running.
     * Looked up with Docker once per start of the container; while it is dead, answers -1 without asking Docker.
     */
    public int hostPort(String instance, int containerPort) {
        if (dead.contains(instance)) {
            return -1;
        }
        Map<Integer, Integer> ports = portCache.computeIfAbsent(instance, this::readPorts);
        Integer port = ports.get(containerPort);
        if (port == null) {
            portCache.remove(instance);
            return -1;
        }
        return port;
    }

    private Map<Integer, Integer> readPorts(String instance) {
        Map<Integer, Integer> out = new HashMap<>();
        InspectContainerResponse info = docker.inspectContainerCmd(id(instance)).exec();
        if (info.getNetworkSettings() == null || info.getNetworkSettings().getPorts() == null) {
            return out;
        }
        for (Map.Entry<ExposedPort, Ports.Binding[]> e : info.getNetworkSettings().getPorts().getBindings().entrySet()) {
            if (e.getValue() != null && e.getValue().length > 0 && e.getValue()[0].getHostPortSpec() != null) {
                out.put(e.getKey().getPort(), Integer.parseInt(e.getValue()[0].getHostPortSpec()));
            }
        }
        return out;
    }

    String id(String instance) {
        String id = containerIds.get(instance);
        if (id == null) {
            throw new IllegalArgumentException("instance '" + instance + "' is not started");
        }
        return id;
    }

    public ContainerControl control() {
        return control;
    }

    @Override
    public void redeploy(String instance) {
        ServiceSpec service = serviceOf(instance);
        String old = containerIds.remove(instance); // not running, to every question, until the fresh one is up
        if (old != null) {
            docker.removeContainerCmd(old).withForce(true).exec(); // the name is free again for the fresh one
        }
        dead.add(instance);
        portCache.remove(instance);
        GenericContainer<?> c = container(service, instance);
        containers.add(c);
        try {
            c.start();
        } finally {
            if (c.getContainerId() != null) {
                containerIds.put(instance, c.getContainerId());
            }
        }
        portCache.remove(instance);
        dead.remove(instance);
    }

    @Override
    public void retire(String instance) {
        serviceOf(instance); // an unknown instance is a mistake
        retired.add(instance);
    }

    @Override
    public boolean retired(String instance) {
        return retired.contains(instance);
    }

    @Override
    public boolean supervised(String instance) {
        return control.supervised(instance);
    }

    /** The fault proxies on the declared links. */
    public dev.faultline.engine.spi.LinkControl links() {
        return linkProxies;
    }

    /** Saves every container's output to {@code dir/<instance>.log}. */
    public void saveLogs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return;
        }
        Map<String, String> all = new LinkedHashMap<>(containerIds);
        all.putAll(linkProxies.containerIds());
        for (Map.Entry<String, String> e : all.entrySet()) {
            StringBuilder out = new StringBuilder();
            try {
                docker.logContainerCmd(e.getValue()).withStdOut(true).withStdErr(true).withTimestamps(true)
                        .exec(new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame frame) {
                                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }

                            @Override
                            public void onError(Throwable error) {
                                quietly(this);
                            }
                        }).awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
                Files.writeString(dir.resolve(e.getKey() + ".log"), out);
            } catch (Exception ignored) {
                // logs are a convenience; a container that is gone has none
            }
        }
    }

    /** Ends a stream that failed, without the stack trace docker-java would log for it. */
    private static void quietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException ignored) {
            // closing what already failed
        }
    }

    /**
     * Removes every container and the network of this run, whatever their state, the lease last. Idempotent. When
     * the engine does not answer, throws a one-line {@link IllegalStateException}: the leftovers are reaped by a
     * later run once the engine is back (their lease has ended with it).
     */
    @Override
    public void close() {
        if (lease != null) {
            lease.disarm(); // removing the run is no loss of the engine
        }
        if (eventStream != null) {
            quietly(eventStream);
        }
        try {
            new Reaper(docker).removeRun(runId);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot remove the containers of run " + runId + ": "
                    + Lease.oneLine(e) + " (a later run removes them once the Docker engine answers)", e);
        } finally {
            if (lease != null) {
                lease.close();
            }
        }
    }

    /** Container operations by instance name, for faults and the supervisor. */
    public final class ContainerControl implements dev.faultline.engine.spi.ContainerControl {
        /** What {@link #run} keeps of a command's output, per stream. */
        private static final int MAX_EXEC_OUTPUT = 256 * 1024;
        private final Map<String, Boolean> supervised = new ConcurrentHashMap<>();

        @Override
        public void kill(String instance, String signal) {
            docker.killContainerCmd(id(instance)).withSignal(signal).exec();
        }

        @Override
        public void stop(String instance, Duration timeout) {
            docker.stopContainerCmd(id(instance)).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
        }

        @Override
        public void start(String instance) {
            docker.startContainerCmd(id(instance)).exec();
            portCache.remove(instance); // do not wait for the start event to look its ports up again
            dead.remove(instance);
        }

        @Override
        public void pause(String instance) {
            docker.pauseContainerCmd(id(instance)).exec();
        }

        @Override
        public void unpause(String instance) {
            docker.unpauseContainerCmd(id(instance)).exec();
        }

        @Override
        public boolean isRunning(String instance) {
            if (!containerIds.containsKey(instance)) {
                return false; // removed and not yet created again (redeploy)
            }
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id(instance)).exec().getState();
            return Boolean.TRUE.equals(state.getRunning());
        }

        @Override
        public boolean isPaused(String instance) {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(id(instance)).exec().getState().getPaused());
        }

        @Override
        public String startedAt(String instance) {
            return docker.inspectContainerCmd(id(instance)).exec().getState().getStartedAt();
        }

        @Override
        public int exec(String instance, String... command) {
            return execute(instance, null, command).exitCode();
        }

        @Override
        public ExecResult run(String instance, String... command) {
            return execute(instance, "0", command);
        }

        /** Runs a command in the container as {@code user} (null: the image's own), keeping what it writes. */
        private ExecResult execute(String instance, String user, String... command) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try {
                var create = docker.execCreateCmd(id(instance)).withCmd(command).withAttachStdout(true)
                        .withAttachStderr(true);
                var exec = (user == null ? create : create.withUser(user)).exec();
                docker.execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        ByteArrayOutputStream to = frame.getStreamType() == StreamType.STDERR ? err : out;
                        synchronized (to) {
                            if (to.size() < MAX_EXEC_OUTPUT) {
                                to.writeBytes(frame.getPayload());
                            }
                        }
                    }
                }).awaitCompletion();
                Long code = docker.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
                return new ExecResult(code == null ? -1 : code.intValue(), text(out), text(err));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ExecResult(-1, text(out), "interrupted");
            }
        }

        @Override
        public void copyInto(String instance, String directory, String file, byte[] content, int mode) {
            docker.copyArchiveToContainerCmd(id(instance))
                    .withTarInputStream(new ByteArrayInputStream(Tar.oneFile(file, content, mode)))
                    .withRemotePath(directory)
                    .exec();
        }

        @Override
        public byte[] fileFromImage(String image, String path) {
            return imageFiles.computeIfAbsent(image + ":" + path, key -> {
                String id = docker.createContainerCmd(image).withLabels(runLabels).withCmd("true").exec().getId();
                try (InputStream tar = docker.copyArchiveFromContainerCmd(id, path).exec()) {
                    return Tar.firstFile(tar);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path + " from image " + image, e);
                } finally {
                    docker.removeContainerCmd(id).withForce(true).exec();
                }
            }).clone();
        }

        @Override
        public boolean oomKilled(String instance) {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(id(instance)).exec().getState().getOOMKilled());
        }

        @Override
        public int hostPort(String instance, int containerPort) {
            return TopologyRuntime.this.hostPort(instance, containerPort);
        }

        private static String text(ByteArrayOutputStream stream) {
            synchronized (stream) {
                return stream.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void supervise(String instance, boolean enabled) {
            supervised.put(instance, enabled);
        }

        public boolean supervised(String instance) {
            return supervised.getOrDefault(instance, true);
        }
    }
}
