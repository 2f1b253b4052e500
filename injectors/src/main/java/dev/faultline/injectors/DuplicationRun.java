package dev.faultline.injectors;

import java.util.SplittableRandom;

import dev.faultline.engine.spi.BrokerAdapter;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.Fault.Verification;
import dev.faultline.engine.spi.FaultContext;

/** One run of {@link DuplicateDelivery}: its own session with the broker, copying until reverted. */
final class DuplicationRun implements Fault.Handle {
    private final FaultContext context;
    private final BrokerAdapter adapter;
    private final BrokerQueue queue;
    private final double rate;
    private BrokerAdapter.Session session;

    DuplicationRun(FaultContext context, BrokerAdapter adapter, BrokerQueue queue, double rate) {
        this.context = context;
        this.adapter = adapter;
        this.queue = queue;
        this.rate = rate;
    }

    /** Which deliveries are copied: drawn from the fault's seed, one draw per first delivery, in delivery order. */
    @Override
    public synchronized void apply() throws Exception {
        SplittableRandom draws = new SplittableRandom(context.seed());
        session = adapter.open(queue.access(context));
        session.duplicate(queue.queue(), () -> draws.nextDouble() < rate, context.spec().name());
    }

    @Override
    public synchronized Verification verify() {
        if (session == null) {
            return Verification.failed("not duplicating yet");
        }
        BrokerAdapter.Duplicates d = session.duplicates();
        String figures = d.copied() + " of " + d.seen() + " deliveries to consumers of queue '" + queue.queue()
                + "' copied, " + d.copiesDelivered() + " copies delivered to a consumer";
        return d.copiesDelivered() > 0 ? Verification.ok(figures)
                : Verification.failed(figures + " (no consumer has received a duplicate yet)");
    }

    @Override
    public synchronized void revert() throws Exception {
        if (session == null) {
            return;
        }
        BrokerAdapter.Duplicates d = session.duplicates();
        session.close();
        session = null;
        context.note("stopped duplicating deliveries of queue '" + queue.queue() + "' on "
                + context.targetInstances().get(0) + " after " + d.copied() + " copies (" + d.copiesDelivered()
                + " seen delivered); nothing of it is left in the broker");
    }
}
