package dev.faultline.agents;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;

/**
 * The set-up of tests with a real worker between a scripted {@link FakeAmqpBroker} on 127.0.0.1 and a
 * {@link FakeJdbc} store: a test starts the worker with the broker's script and its own environment, and the worker,
 * its broker link, its store and the fake broker are closed after it.
 */
abstract class WorkerOnFakesTest {
    protected final FakeJdbc jdbc = new FakeJdbc();
    protected FakeAmqpBroker fake;
    protected Worker worker;
    private Store store;
    private Broker broker;

    @AfterEach
    void stop() throws IOException {
        worker.close();
        broker.close();
        store.close();
        fake.close();
    }

    /** Starts a worker (work takes 1 ms) with {@code env} besides, against a fake broker playing {@code script}. */
    protected void start(FakeAmqpBroker.Script script, Map<String, String> env) throws Exception {
        start(script, env, System::currentTimeMillis);
    }

    /** As {@link #start(FakeAmqpBroker.Script, Map)}, with the worker's wall clock reading {@code wallClock}. */
    protected void start(FakeAmqpBroker.Script script, Map<String, String> env, LongSupplier wallClock)
            throws Exception {
        fake = new FakeAmqpBroker(script);
        Map<String, String> all = new HashMap<>(env);
        all.put("AGENT_ROLE", "worker");
        all.put("WORK_TIME", "1ms");
        all.put("BROKER_HOST", "127.0.0.1");
        all.put("BROKER_PORT", String.valueOf(fake.port()));
        AgentConfig config = AgentConfig.fromEnvironment(all, () -> "test-worker");
        store = jdbc.store(config.safeguards());
        broker = new Broker(config);
        broker.start();
        worker = new Worker(config, store, broker, wallClock);
        worker.start();
    }
}
