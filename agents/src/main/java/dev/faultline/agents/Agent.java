package dev.faultline.agents;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: the HTTP API, the links to broker and store, readiness probes, and the role's own work.
 *
 * <p>{@link #start} returns as soon as the HTTP API answers; the broker and the store are reached in the
 * background, so neither needs to be up at start and neither being down ever stops the process.
 */
final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final HttpApi api;
    private final Store store;
    private final Broker broker;
    private final Readiness readiness;
    private final Orchestrator orchestrator;
    private final Worker worker;
    private final Planner planner;
    private final AtomicBoolean storeReached = new AtomicBoolean();

    private Agent(AgentConfig config) throws IOException {
        this.config = config;
        this.api = new HttpApi(config.httpPort());
        this.store = new Store(config);
        this.broker = new Broker(config);
        this.readiness = new Readiness(broker::probe, this::probeStore);
        boolean isWorker = config.role() == Role.WORKER;
        this.orchestrator = config.role() != Role.ORCHESTRATOR
                ? null : new Orchestrator(config, store, broker, () -> !readiness.snapshot().storeUp());
        this.worker = isWorker ? new Worker(config, store, broker) : null;
        this.planner = config.role() == Role.PLANNER ? new Planner(config, store, broker) : null;

        Json.Health health = new Json.Health("UP", config.role().id(), isWorker ? config.workerId() : null);
        api.inline("GET", "/health", request -> HttpApi.Response.ok(health));
        api.inline("GET", "/ready", request -> {
            Readiness.Snapshot now = readiness.snapshot();
            return new HttpApi.Response(now.ready() ? 200 : 503, now.toJson(config.role()));
        });
        if (worker != null) {
            worker.register(api);
        } else if (planner != null) {
            planner.register(api);
        } else {
            orchestrator.register(api);
        }
    }

    /**
     * The store's readiness check; the first time it succeeds, the agent opens its store connections ahead of its
     * first work ({@link #connectionsAhead}) on a thread of its own. Not before: an agent whose store is not there yet
     * (or never, as in the accuracy benchmark) spends nothing on trying.
     */
    private boolean probeStore() {
        boolean up = store.probe();
        if (up && storeReached.compareAndSet(false, true)) {
            Thread warm = new Thread(() -> store.warm(connectionsAhead(config)), "store-warm-up");
            warm.setDaemon(true);
            warm.start();
        }
        return up;
    }

    static Agent start(AgentConfig config) throws IOException {
        Agent agent = new Agent(config);
        agent.broker.start();
        agent.readiness.start();
        if (agent.worker != null) {
            agent.worker.start();
        } else if (agent.planner != null) {
            agent.planner.start();
        } else {
            agent.orchestrator.start();
        }
        // last: the background work above loads its classes while the API warms up, not while it first answers
        try {
            agent.api.start();
        } catch (IOException | RuntimeException e) {
            agent.close(); // the port is taken, say: stop what started above, or the process would not end
            throw e;
        }
        return agent;
    }

    /**
     * How many store connections an agent opens ahead of its first work: one per call it makes at once in normal
     * running. A worker records each of its {@code PREFETCH} tasks in flight on a connection of its own; the
     * orchestrator answers each request on one (8: a burst of 20/s answered in up to 400 ms); a planner makes one call
     * at a time.
     */
    static int connectionsAhead(AgentConfig config) {
        return switch (config.role()) {
            case WORKER -> config.prefetch();
            case ORCHESTRATOR -> 8;
            case PLANNER -> 1;
        };
    }

    int port() {
        return api.port();
    }

    @Override
    public void close() {
        log.info("stopping {}", config.role().id());
        if (worker != null) {
            worker.close(); // first: finish or give back in-flight work while broker and store are still there
        }
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (planner != null) {
            planner.close(); // gives back what it holds; its lease runs out (no release: one rule for every exit)
        }
        api.close();
        readiness.close();
        broker.close();
        store.close();
        log.info("stopped");
    }
}
