package dev.faultline.proxy;

import dev.faultline.proxy.api.ApiException;
import dev.faultline.proxy.api.ApiServer;
import dev.faultline.proxy.api.ApiService;
import dev.faultline.proxy.core.ConnectionGate;
import dev.faultline.proxy.core.NetworkContext;
import dev.faultline.proxy.core.ProxyDefinition;
import dev.faultline.proxy.core.ProxyRegistry;
import dev.faultline.proxy.scope.HostNameResolver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running server: the HTTP API plus every proxy it manages. Start with {@link #start}, stop with
 * {@link #close()}; tests run it in-process on {@code 127.0.0.1} port 0.
 */
public final class FaultlineProxy implements AutoCloseable {
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final ExecutorService apiThread;
    private final ExecutorService upstreamLookups;
    private final HostNameResolver clientNames;
    private final ProxyRegistry registry;
    private final ApiServer api;
    private volatile boolean closed;

    private FaultlineProxy(EventLoopGroup acceptors, EventLoopGroup workers, ExecutorService apiThread,
                           ExecutorService upstreamLookups, HostNameResolver clientNames, ProxyRegistry registry,
                           ApiServer api) {
        this.acceptors = acceptors;
        this.workers = workers;
        this.apiThread = apiThread;
        this.upstreamLookups = upstreamLookups;
        this.clientNames = clientNames;
        this.registry = registry;
        this.api = api;
    }

    /**
     * Creates the proxies of the {@code -config} file, if any, then opens the API.
     *
     * @throws IOException when the config file cannot be read or the API address cannot be bound
     * @throws IllegalArgumentException when the config file's proxies are invalid or cannot listen
     */
    public static FaultlineProxy start(ServerOptions options) throws IOException {
        Log.preload();
        EventLoopGroup acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory("faultline-accept"));
        EventLoopGroup workers = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("faultline-io"));
        ExecutorService apiThread = Executors.newSingleThreadExecutor(new DefaultThreadFactory("faultline-api"));
        ExecutorService upstreamLookups = Executors.newCachedThreadPool(new DefaultThreadFactory("faultline-upstream-dns", true));
        Random random = options.seed().isPresent() ? new Random(options.seed().getAsLong()) : new Random();
        // Load the bounded-random code now (a separate instance keeps the seeded sequence intact), so
        // the first jittered chunk is not late by the class loading.
        new Random().nextLong(2);
        // The resolver reports changes before the registry exists; the registry is set right below.
        AtomicReference<ProxyRegistry> registryForChanges = new AtomicReference<>();
        HostNameResolver clientNames = HostNameResolver.start(InetAddress::getAllByName,
                () -> apiThread.execute(() -> registryForChanges.get().clientAddressesChanged()));
        ProxyRegistry registry = new ProxyRegistry(new NetworkContext(acceptors, workers, upstreamLookups, clientNames, random,
                options.limits(), ConnectionGate.of(options.limits().maxConnections())));
        registryForChanges.set(registry);
        ApiService service = new ApiService(registry, options.limits());
        try {
            if (options.config().isPresent()) {
                populateFromFile(options.config().get(), service, apiThread);
            }
            InetSocketAddress apiAddress = new InetSocketAddress(options.host(), options.port());
            if (apiAddress.isUnresolved()) {
                throw new IOException("cannot listen for the API: -host " + options.host() + " does not resolve to an address");
            }
            ApiServer api = ApiServer.bind(apiAddress, acceptors, workers, service, apiThread,
                    options.limits(), options.apiClients());
            return new FaultlineProxy(acceptors, workers, apiThread, upstreamLookups, clientNames, registry, api);
        } catch (IOException | RuntimeException e) {
            shutdown(acceptors, workers, apiThread, upstreamLookups, clientNames, registry);
            throw e;
        }
    }

    private static void populateFromFile(Path config, ApiService service, ExecutorService apiThread) throws IOException {
        byte[] json;
        try {
            json = Files.readAllBytes(config);
        } catch (IOException e) {
            throw new IOException("cannot read -config file " + config + ": " + e, e);
        }
        Future<List<?>> done = apiThread.submit(() -> {
            try {
                List<ProxyDefinition> definitions = ApiService.readProxyList(json);
                return service.populate(definitions);
            } catch (ApiException e) {
                throw new IllegalArgumentException("-config file " + config + ": " + e.getMessage(), e);
            }
        });
        try {
            List<?> proxies = done.get();
            Log.info("populated " + proxies.size() + " proxies from " + config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading " + config, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Where the API listens (with the real port when started with port 0). */
    public InetSocketAddress apiAddress() {
        return api.address();
    }

    /** Base URL of the API, e.g. {@code http://127.0.0.1:8474}. */
    public String apiUrl() {
        InetSocketAddress address = apiAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        api.close();
        shutdown(acceptors, workers, apiThread, upstreamLookups, clientNames, registry);
    }

    private static void shutdown(EventLoopGroup acceptors, EventLoopGroup workers, ExecutorService apiThread,
                                 ExecutorService upstreamLookups, HostNameResolver clientNames, ProxyRegistry registry) {
        try {
            apiThread.submit(registry::stopAll).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.warn("stopping proxies on shutdown: " + e);
        }
        apiThread.shutdown();
        clientNames.close();
        upstreamLookups.shutdownNow();
        acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
