package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Cuts each chunk into pieces of about {@code average_size ± size_variation} bytes (Toxiproxy's
 * halving algorithm) and sends them one at a time, waiting {@code delay} µs after each piece.
 */
final class SlicerStage extends QueueingStage {
    private ToxicAttributes.Slicer attributes;
    private long nextAt = Long.MIN_VALUE;

    SlicerStage(ToxicAttributes.Slicer attributes, StageOutput out) {
        super(out);
        this.attributes = attributes;
    }

    @Override
    public void onData(ByteBuf data, long timestampNanos) {
        List<Integer> cuts = cuts(data.readableBytes(), attributes, out.random());
        int base = data.readerIndex();
        for (int i = 0; i + 1 < cuts.size(); i += 2) {
            int start = cuts.get(i);
            int end = cuts.get(i + 1);
            queue.add(Held.data(data.retainedSlice(base + start, end - start), timestampNanos));
        }
        data.release();
        pump();
    }

    @Override
    public void onEnd() {
        queue.add(Held.end(0));
        pump();
    }

    private void pump() {
        if (timer != null || detached) {
            return;
        }
        Held head;
        while ((head = queue.peek()) != null) {
            long now = out.nanoTime();
            if (now < nextAt) {
                timer = out.schedule(this::fire, nextAt - now);
                return;
            }
            queue.poll();
            if (head.isEnd()) {
                out.end();
                continue;
            }
            out.emit(head.data, head.time);
            nextAt = now + TimeUnit.MICROSECONDS.toNanos(attributes.delay());
        }
    }

    private void fire() {
        timer = null;
        pump();
    }

    /**
     * Start/end offsets of the pieces of a chunk of {@code size} bytes, as a flat list
     * {@code [s0, e0, s1, e1, ...]}: a piece no more than {@code size_variation} above the average
     * size is kept, a larger one is split near its middle (± the variation) and both halves recurse.
     */
    static List<Integer> cuts(int size, ToxicAttributes.Slicer attributes, Random random) {
        List<Integer> result = new ArrayList<>();
        if (size > 0) {
            cut(0, size, Math.max(1, attributes.averageSize()), attributes.sizeVariation(), random, result);
        }
        return result;
    }

    private static void cut(int start, int end, long average, long variation, Random random, List<Integer> result) {
        if ((end - start) - average <= variation || end - start <= 1) {
            result.add(start);
            result.add(end);
            return;
        }
        long offset = variation > 0 ? random.nextLong(variation * 2) - variation : 0;
        long mid = start + (end - start) / 2 + offset;
        mid = Math.max(start + 1, Math.min(end - 1, mid));
        cut(start, (int) mid, average, variation, random, result);
        cut((int) mid, end, average, variation, random, result);
    }

    @Override
    public void update(ToxicAttributes attributes) {
        this.attributes = (ToxicAttributes.Slicer) attributes;
    }
}
