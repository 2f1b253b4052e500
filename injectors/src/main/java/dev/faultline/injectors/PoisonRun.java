package dev.faultline.injectors;

import dev.faultline.engine.spi.BrokerAdapter;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.Fault.Verification;
import dev.faultline.engine.spi.FaultContext;

/** One run of {@link PoisonMessages}: its own session with the broker, and what the broker answered. */
final class PoisonRun implements Fault.Handle {
    private final FaultContext context;
    private final BrokerAdapter adapter;
    private final BrokerQueue queue;
    private final int count;
    private BrokerAdapter.Session session;
    private BrokerAdapter.Publication publication;

    PoisonRun(FaultContext context, BrokerAdapter adapter, BrokerQueue queue, int count) {
        this.context = context;
        this.adapter = adapter;
        this.queue = queue;
        this.count = count;
    }

    @Override
    public synchronized void apply() throws Exception {
        session = adapter.open(queue.access(context));
        publication = session.publish(queue.queue(), PoisonMessages.bodies(count), context.spec().name());
    }

    @Override
    public synchronized Verification verify() {
        if (publication == null) {
            return Verification.failed("no malformed message published yet");
        }
        BrokerAdapter.Publication p = publication;
        String figures = p.published() + " malformed messages published to queue '" + p.queue() + "' on "
                + context.targetInstances().get(0) + ": " + p.confirmed() + " confirmed by the broker, "
                + p.refused() + " refused, " + p.returned() + " returned unroutable";
        return p.allRouted() ? Verification.ok(figures) : Verification.failed(figures);
    }

    /** Closes the connection; the messages stay on the queue (they cannot be told apart once a consumer took them). */
    @Override
    public synchronized void revert() throws Exception {
        if (session == null) {
            return;
        }
        session.close();
        session = null;
        context.note("closed its connection to " + context.targetInstances().get(0) + "; the malformed messages it"
                + " published stay with the queue's consumers (nothing to take back)");
    }
}
