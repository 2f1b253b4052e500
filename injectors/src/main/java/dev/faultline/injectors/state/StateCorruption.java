package dev.faultline.injectors.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.Params;
import dev.faultline.engine.spi.ServiceAccess;
import dev.faultline.engine.spi.StoreAdapter;
import dev.faultline.injectors.adapters.Adapters;
import dev.faultline.injectors.resource.RunTag;
import dev.faultline.injectors.Formats;

/**
 * {@code data-corruption} of kind {@code state}: the latest checkpoint each target agent instance keeps in its store
 * is tampered with in place for the fault's duration, through the store's own protocol ({@link StoreAdapter}). The
 * store is the one {@code role: store} service the target's service depends on, or the one {@code with.store} names;
 * the checkpoint is the row of {@code table} whose {@code owner-column} is the instance's name ({@code worker-0}) with
 * the highest {@code order-by}; its {@code column} is changed ({@link Tamper}). Settings only: a run's changes live in
 * its {@link CheckpointTamper}.
 */
public final class StateCorruption implements Fault {
    /** The fields of a {@code state} fault's {@code with}, {@code kind} included. */
    public static final List<String> FIELDS = List.of("kind", "store", "adapter", "table", "owner-column", "order-by",
            "column", "port", "user", "password", "database");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    private final String store;
    private final String adapter;
    private final StoreAdapter.Location location;
    private final Integer port;
    private final String user;
    private final String password;
    private final Duration duration;

    /**
     * @param store    the store service's name, or {@code null}: the one store the target's service depends on
     * @param adapter  the adapter's product ({@code postgresql}), or {@code null}: the one that recognizes the store
     * @param port     the store's container port, or {@code null}: the adapter's default
     * @param user     the login's user and password, each {@code null} for the adapter's default
     */
    StateCorruption(String store, String adapter, StoreAdapter.Location location, Integer port, String user,
                    String password, Duration duration) {
        if (location == null) {
            throw new IllegalArgumentException("location must be given, but was null");
        }
        for (String name : new String[] {location.table(), location.ownerColumn(), location.orderBy(),
                location.column()}) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("every name of the location must be an SQL identifier, but was "
                        + name);
            }
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port must be from 1 to 65535, but was " + port);
        }
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be greater than 0, but was " + duration);
        }
        this.store = store;
        this.adapter = adapter;
        this.location = location;
        this.port = port;
        this.user = user;
        this.password = password;
        this.duration = duration;
    }

    /**
     * Reads a {@code state} fault's {@code with} (its {@code kind} already read): {@code store}, {@code adapter},
     * {@code table} ({@code checkpoints}), {@code owner-column} ({@code owner}), {@code order-by} ({@code version}),
     * {@code column} ({@code state}), {@code port}, {@code user}, {@code password}, {@code database}.
     */
    public static StateCorruption read(Params with, Duration duration) {
        with.allowOnly(FIELDS.toArray(String[]::new));
        if (duration == null) {
            throw with.invalid("kind", "state lasts a while: the fault needs a duration (e.g. duration: 8s)");
        }
        String store = name(with, "store", "a service of the topology");
        String adapter = name(with, "adapter", "an adapter's product, e.g. postgresql");
        if (adapter != null) {
            List<String> products = adapters().products();
            if (!products.contains(adapter)) {
                throw with.invalid("adapter", "expected one of " + String.join(", ", products) + " (the store"
                        + " adapters installed) but was '" + Formats.shown(adapter) + "'");
            }
        }
        StoreAdapter.Location location = new StoreAdapter.Location(with.string("database").orElse(null),
                identifier(with, "table", "checkpoints"),
                identifier(with, "owner-column", "owner"), identifier(with, "order-by", "version"),
                identifier(with, "column", "state"));
        Integer port = null;
        if (with.has("port")) {
            long value = with.integer("port").orElseThrow();
            if (value < 1 || value > 65535) {
                throw with.invalid("port", "expected a port from 1 to 65535 but was " + value);
            }
            port = (int) value;
        }
        return new StateCorruption(store, adapter, location, port, with.string("user").orElse(null),
                with.string("password").orElse(null), duration);
    }

    private static String identifier(Params with, String key, String fallback) {
        String value = with.string(key).orElse(fallback);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw with.invalid(key, "expected a plain SQL name (ASCII letters, digits and _, not starting with a digit,"
                    + " at most 63 characters) but was '" + Formats.shown(value) + "'");
        }
        return value;
    }

    private static String name(Params with, String key, String what) {
        Optional<String> value = with.string(key);
        if (value.isPresent() && !NAME.matcher(value.get()).matches()) {
            throw with.invalid(key, "expected the name of " + what + " (letters, digits, _, . and -) but was '"
                    + Formats.shown(value.get()) + "'");
        }
        return value.orElse(null);
    }

    /** Every store adapter registered with {@link java.util.ServiceLoader}. */
    static Adapters<StoreAdapter> adapters() {
        return Adapters.discover(StoreAdapter.class, "store");
    }

    StoreAdapter.Location location() {
        return location;
    }

    /** How the adapter reaches the store's instance in this run: the login as configured, unset fields left to it. */
    ServiceAccess access(Store store, FaultContext context) {
        return new ServiceAccess(store.service().instanceNames().get(0), store.service(), context.containers(), user,
                password, RunTag.of(context));
    }

    @Override
    public Fault.Handle handle(FaultContext context) {
        return new CheckpointTamper(this, context, adapters());
    }

    /** The store a target's service keeps its checkpoints in, the adapter that speaks to it, and its port. */
    record Store(ServiceSpec service, StoreAdapter adapter, int port) {
    }

    /**
     * Which store, adapter and port this fault acts through for an agent of {@code service}.
     *
     * @throws IllegalArgumentException saying why there is none, and how to name one
     */
    Store storeFor(Topology topology, ServiceSpec service, Adapters<StoreAdapter> adapters) {
        if (service.role() != Role.AGENT) {
            throw new IllegalArgumentException("data-corruption of kind state tampers with an agent's checkpoint,"
                    + " and " + service.name() + " has role " + service.role().yamlName() + ", not agent: target"
                    + " the agent whose checkpoint is to be tampered with (e.g. worker[0]); its store is found"
                    + " through its depends-on, or named with with.store");
        }
        ServiceSpec found = store == null ? theStoreOf(topology, service) : topology.service(store)
                .orElseThrow(() -> new IllegalArgumentException("with.store names " + store + ", which is not a"
                        + " service of topology " + topology.name() + "; its stores: " + stores(topology)));
        if (found.role() != Role.STORE) {
            throw new IllegalArgumentException("with.store names " + found.name() + ", which has role "
                    + found.role().yamlName() + ", not store");
        }
        if (found.replicas() != 1) {
            throw new IllegalArgumentException("store " + found.name() + " has " + found.replicas() + " replicas;"
                    + " data-corruption of kind state tampers with a store of one instance");
        }
        StoreAdapter chosen = adapters.choose(found, Optional.ofNullable(adapter));
        int reachedPort = port == null ? chosen.defaultPort() : port;
        if (!found.ports().contains(reachedPort)) {
            throw new IllegalArgumentException("data-corruption of kind state reaches store " + found.name()
                    + " on its port " + reachedPort + ", which it does not publish: add it to its ports (or set"
                    + " with: {port: ...})");
        }
        return new Store(found, chosen, reachedPort);
    }

    private static ServiceSpec theStoreOf(Topology topology, ServiceSpec service) {
        List<ServiceSpec> stores = service.dependsOn().stream().map(topology::service).flatMap(Optional::stream)
                .filter(s -> s.role() == Role.STORE).toList();
        if (stores.size() == 1) {
            return stores.get(0);
        }
        if (stores.isEmpty()) {
            throw new IllegalArgumentException(service.name() + " depends on no service with role store, so its"
                    + " checkpoints' store is unknown: add the store to its depends-on, or name it with with.store"
                    + " (stores of the topology: " + stores(topology) + ")");
        }
        throw new IllegalArgumentException(service.name() + " depends on " + stores.size() + " stores ("
                + String.join(", ", stores.stream().map(ServiceSpec::name).toList()) + "): name the one that keeps"
                + " its checkpoints with with.store");
    }

    private static String stores(Topology topology) {
        List<String> names = topology.services().values().stream().filter(s -> s.role() == Role.STORE)
                .map(ServiceSpec::name).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    @Override
    public Optional<String> unsuitableIn(Topology topology, ServiceSpec service) {
        try {
            storeFor(topology, service, adapters());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** {@code kind=state checkpoints.state (latest by version per owner) for 8s}. */
    @Override
    public String describe() {
        return "kind=state " + location + (store == null ? "" : " store=" + store)
                + (adapter == null ? "" : " adapter=" + adapter) + " for " + Durations.text(duration);
    }
}
