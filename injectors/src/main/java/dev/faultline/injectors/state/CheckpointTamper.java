package dev.faultline.injectors.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.StoreAdapter;
import dev.faultline.engine.spi.StoreAdapter.Checkpoint;
import dev.faultline.injectors.adapters.Adapters;

/**
 * One run's tampering with its targets' latest checkpoints. {@code apply} replaces each target's latest checkpoint
 * with a tampered copy, compare-and-set against what it read; a target that has no checkpoint yet is tampered with
 * as soon as it has one, while the fault driver polls {@code verify} (not verified until then). Verified by reading
 * each tampered row again: it holds the value written, no longer the original. {@code revert} puts each original
 * back only where the row still holds the tampered value (an agent's own later write is never overwritten), and is
 * released when no tampered row holds it any more. What was changed is recorded before it is written, so a revert
 * after a failed or half-done apply puts back whatever was written, and twice is the same as once.
 */
final class CheckpointTamper implements Fault.Handle {
    private final StateCorruption fault;
    private final FaultContext context;
    private final Adapters<StoreAdapter> adapters;
    /** Target instance -> the change made to its latest checkpoint, recorded before it is written. */
    private final Map<String, Change> changes = new LinkedHashMap<>();
    private StateCorruption.Store store;
    private StoreAdapter.Checkpoints session;
    private boolean reverted;

    /** A row's original value and the value written in its place. */
    private record Change(Checkpoint row, byte[] original, byte[] written) {
    }

    CheckpointTamper(StateCorruption fault, FaultContext context, Adapters<StoreAdapter> adapters) {
        this.fault = fault;
        this.context = context;
        this.adapters = adapters;
    }

    @Override
    public synchronized void apply() throws Exception {
        store = fault.storeFor(context.topology(), context.service(), adapters);
        tamperWhereThereIsACheckpoint();
    }

    @Override
    public synchronized Fault.Verification verify() throws Exception {
        if (store == null || reverted) {
            return Fault.Verification.failed(reverted ? "reverted" : "not applied");
        }
        List<String> waiting = tamperWhereThereIsACheckpoint();
        if (!waiting.isEmpty()) {
            return Fault.Verification.failed("no checkpoint of " + String.join(", ", waiting) + " in "
                    + store.service().name() + " yet (" + fault.location() + ", " + ownerOf(waiting) + "): tampered"
                    + " with as soon as there is one");
        }
        try {
            return readBack();
        } catch (Exception e) {
            closeSession(); // the next look opens a fresh connection
            throw e;
        }
    }

    private Fault.Verification readBack() throws Exception {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Change> e : changes.entrySet()) {
            Change change = e.getValue();
            if (!session().holds(change.row(), change.written())) {
                return Fault.Verification.failed("the checkpoint of " + e.getKey() + " (" + at(change.row())
                        + ") does not hold the value Faultline wrote: it was written again or removed");
            }
            if (session().holds(change.row(), change.original())) {
                return Fault.Verification.failed("the checkpoint of " + e.getKey() + " (" + at(change.row())
                        + ") still holds its original value");
            }
            done.add(e.getKey() + " (" + at(change.row()) + ", " + change.row().type() + ")");
        }
        return Fault.Verification.ok("the latest checkpoint of " + String.join(", ", done) + " in "
                + store.service().name() + " holds a tampered value, read back");
    }

    @Override
    public synchronized void revert() throws Exception {
        reverted = true;
        if (changes.isEmpty()) {
            closeSession();
            return;
        }
        try {
            List<String> restored = new ArrayList<>();
            for (Map.Entry<String, Change> e : changes.entrySet()) {
                Change change = e.getValue();
                if (session().replace(change.row(), change.written(), change.original())) {
                    restored.add(e.getKey() + " (" + at(change.row()) + ")");
                }
            }
            List<String> held = new ArrayList<>();
            for (Map.Entry<String, Change> e : changes.entrySet()) {
                if (session().holds(e.getValue().row(), e.getValue().written())) {
                    held.add(e.getKey() + " (" + at(e.getValue().row()) + ")");
                }
            }
            if (!held.isEmpty()) {
                throw new IllegalStateException("the checkpoint of " + String.join(", ", held) + " still holds the"
                        + " value Faultline wrote after it was put back");
            }
            changes.clear();
            context.note(restored.isEmpty() ? "no tampered checkpoint left to put back"
                    : "put back the original checkpoint of " + String.join(", ", restored));
        } finally {
            closeSession(); // a second attempt opens a fresh connection
        }
    }

    /** Tampers with the latest checkpoint of every target not yet tampered with; returns those without one. */
    private List<String> tamperWhereThereIsACheckpoint() throws Exception {
        try {
            return tamperEach();
        } catch (Exception e) {
            closeSession(); // the next look opens a fresh connection
            throw e;
        }
    }

    private List<String> tamperEach() throws Exception {
        List<String> waiting = new ArrayList<>();
        for (String instance : context.targetInstances()) {
            if (changes.containsKey(instance)) {
                continue;
            }
            Optional<Checkpoint> latest = session().latest(instance);
            if (latest.isEmpty()) {
                waiting.add(instance);
                continue;
            }
            Checkpoint row = latest.get();
            byte[] written = Tamper.tampered(row.format(), row.value(), context.seed() ^ instance.hashCode());
            changes.put(instance, new Change(row, row.value(), written));
            if (!session().replace(row, row.value(), written)) {
                changes.remove(instance); // the agent wrote it again meanwhile: the next look takes the new one
                waiting.add(instance);
                continue;
            }
            context.note("tampered with the latest checkpoint of " + instance + " (" + at(row) + ", " + row.type()
                    + ") in " + store.service().name());
        }
        return waiting;
    }

    private StoreAdapter.Checkpoints session() throws Exception {
        if (session == null) {
            if (store == null) {
                store = fault.storeFor(context.topology(), context.service(), adapters);
            }
            session = store.adapter().open(fault.access(store, context), store.port(), fault.location());
        }
        return session;
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private String at(Checkpoint row) {
        return fault.location().orderBy() + " " + row.key();
    }

    private String ownerOf(List<String> instances) {
        return fault.location().ownerColumn() + " = " + String.join(" or ", instances.stream()
                .map(i -> "'" + i + "'").toList());
    }
}
