package dev.faultline.proxy.core;

import dev.faultline.proxy.Log;
import dev.faultline.proxy.toxics.StageOutput;
import dev.faultline.proxy.toxics.ToxicSpec;
import dev.faultline.proxy.toxics.ToxicStage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One direction of a connection: bytes read from {@code source} pass through the active toxic stages,
 * in the order the toxics were added, and are written to {@code destination}. With no active stage the
 * read buffer is written straight through (no copy) and flushed once per read batch.
 *
 * <p>Backpressure: reading from the source stops while the destination is not writable or while the
 * stages hold more than {@link #HIGH_WATER} bytes, and resumes below {@link #LOW_WATER}.
 */
final class Link {
    static final long HIGH_WATER = 4L * 1024 * 1024;
    static final long LOW_WATER = 1024L * 1024;

    private final Connection connection;
    private final Channel source;
    private final Channel destination;
    private List<Slot> slots = new ArrayList<>();
    private int activeStages;
    private long heldBytes;
    private boolean reading;
    private boolean pendingFlush;
    private boolean sourceEnded;
    private boolean endWritten;
    private boolean destinationClosed;

    Link(Connection connection, Channel source, Channel destination) {
        this.connection = connection;
        this.source = source;
        this.destination = destination;
    }

    void startReading() {
        updateReading();
    }

    void onRead(ByteBuf data) {
        if (destinationClosed || endWritten) {
            data.release();
            return;
        }
        if (activeStages == 0) {
            destination.write(data, destination.voidPromise());
            pendingFlush = true;
            if (!destination.isWritable()) {
                updateReading();
            }
            return;
        }
        heldBytes += data.readableBytes();
        deliver(-1, data, System.nanoTime());
        updateReading();
    }

    void flush() {
        if (pendingFlush) {
            pendingFlush = false;
            destination.flush();
        }
    }

    /** Stops or resumes reading from the source to match the destination and the bytes held in stages. */
    void updateReading() {
        boolean want = !destinationClosed && !sourceEnded && !endWritten && destination.isWritable()
                && heldBytes < (reading ? HIGH_WATER : LOW_WATER);
        if (want != reading) {
            reading = want;
            source.config().setAutoRead(want);
        }
    }

    void sourceEnded() {
        if (sourceEnded) {
            return;
        }
        sourceEnded = true;
        flush();
        deliverEnd(-1);
    }

    void destinationClosed() {
        destinationClosed = true;
        updateReading();
    }

    /** Hands data to the first active stage after {@code fromIndex}, or writes it to the destination. */
    private void deliver(int fromIndex, ByteBuf data, long timestamp) {
        for (int i = fromIndex + 1; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (slot.stage != null) {
                slot.stage.onData(data, timestamp);
                return;
            }
        }
        writeFromStages(data);
    }

    private void deliverEnd(int fromIndex) {
        for (int i = fromIndex + 1; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (slot.stage != null) {
                slot.stage.onEnd();
                return;
            }
        }
        writeEnd();
    }

    private void writeFromStages(ByteBuf data) {
        heldBytes -= data.readableBytes();
        if (destinationClosed || endWritten) {
            data.release();
        } else {
            destination.writeAndFlush(data, destination.voidPromise());
        }
        updateReading();
    }

    private void writeEnd() {
        if (endWritten) {
            return;
        }
        endWritten = true;
        pendingFlush = false;
        if (!destinationClosed) {
            destination.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        updateReading();
    }

    /**
     * Brings the stages in line with the proxy's toxics for this direction: stages of removed toxics,
     * and of toxics that no longer apply to this client, pass on what they hold and leave; new or
     * newly applying toxics get a stage; updated toxics update theirs in place.
     */
    void reconcile(List<ToxicSpec> toxics, Predicate<ToxicSpec> inScope) {
        Map<Long, Slot> current = new HashMap<>();
        for (Slot slot : slots) {
            current.put(slot.spec.id(), slot);
        }
        List<Slot> next = new ArrayList<>(toxics.size());
        for (ToxicSpec toxic : toxics) {
            Slot slot = current.remove(toxic.id());
            if (slot == null) {
                slot = new Slot(toxic, hits(toxic));
            } else if (slot.spec.toxicity() != toxic.toxicity()) {
                slot.hit = hits(toxic);
            }
            slot.next = toxic;
            slot.wanted = slot.hit && inScope.test(toxic);
            next.add(slot);
        }
        // Stages that go: drain in chain order while the old chain is still in place, so what they
        // held flows into the stages after them (or the destination) ahead of anything newer.
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            boolean goes = current.containsKey(slot.spec.id()) || !slot.wanted;
            if (goes && slot.stage != null) {
                ToxicStage stage = slot.stage;
                stage.drain();
                slot.stage = null;
                slot.output.detached = true;
                activeStages--;
            }
        }
        slots = next;
        for (Slot slot : slots) {
            boolean changed = !slot.next.attributes().equals(slot.spec.attributes());
            slot.spec = slot.next;
            if (slot.wanted && slot.stage == null) {
                slot.output = new SlotOutput(slot);
                slot.stage = slot.spec.attributes().newStage(slot.output);
                activeStages++;
            } else if (slot.stage != null && changed) {
                slot.stage.update(slot.spec.attributes());
            }
        }
        updateReading();
    }

    private boolean hits(ToxicSpec toxic) {
        return connection.random().nextFloat() < toxic.toxicity();
    }

    /** The connection is gone: stages release what they hold. */
    void discard() {
        for (Slot slot : slots) {
            if (slot.stage != null) {
                slot.stage.discard();
                slot.output.detached = true;
                slot.stage = null;
            }
        }
        activeStages = 0;
    }

    /** A toxic's place in this link. {@code stage} is null while the toxic does not apply. */
    private static final class Slot {
        ToxicSpec spec;
        ToxicSpec next;
        boolean hit;
        boolean wanted;
        ToxicStage stage;
        SlotOutput output;

        Slot(ToxicSpec spec, boolean hit) {
            this.spec = spec;
            this.hit = hit;
        }
    }

    private final class SlotOutput implements StageOutput {
        private final Slot slot;
        boolean detached;

        SlotOutput(Slot slot) {
            this.slot = slot;
        }

        @Override
        public void emit(ByteBuf data, long timestampNanos) {
            if (detached) {
                drop(data);
                return;
            }
            deliver(slots.indexOf(slot), data, timestampNanos);
        }

        @Override
        public void end() {
            if (!detached) {
                deliverEnd(slots.indexOf(slot));
            }
        }

        @Override
        public void drop(ByteBuf data) {
            heldBytes -= data.readableBytes();
            data.release();
            updateReading();
        }

        @Override
        public void resetConnection() {
            if (!detached) {
                connection.reset();
            }
        }

        @Override
        public Future<?> schedule(Runnable task, long delayNanos) {
            return source.eventLoop().schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    Log.warn("toxic " + slot.spec.name() + " failed; closing the connection: " + e);
                    connection.close();
                }
            }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Random random() {
            return connection.random();
        }
    }
}
