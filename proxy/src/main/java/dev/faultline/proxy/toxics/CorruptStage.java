package dev.faultline.proxy.toxics;

import io.netty.buffer.ByteBuf;
import java.util.Random;

/**
 * Flips one random bit (XOR with {@code 1 << k}, k uniform in 0..7) in each byte with probability
 * {@code rate}. Instead of a coin per byte it draws the gap to the next flipped byte from the geometric
 * distribution, which is the same process but costs nothing for the untouched bytes. With a seed, a
 * connection's corruption depends only on the seed and the byte offset, not on how the data was chunked.
 */
final class CorruptStage implements ToxicStage {
    private final StageOutput out;
    private ToxicAttributes.Corrupt attributes;
    private Random random;
    /** Bytes still to pass untouched before the next flip. */
    private long gap;

    CorruptStage(ToxicAttributes.Corrupt attributes, StageOutput out) {
        this.out = out;
        reseed(attributes);
    }

    private void reseed(ToxicAttributes.Corrupt attributes) {
        this.attributes = attributes;
        this.random = new Random(attributes.seed() != 0 ? attributes.seed() : out.random().nextLong());
        this.gap = nextGap();
    }

    private long nextGap() {
        double rate = attributes.rate();
        if (rate <= 0) {
            return Long.MAX_VALUE;
        }
        if (rate >= 1) {
            return 0;
        }
        double u = random.nextDouble();
        double gap = Math.floor(Math.log1p(-u) / Math.log1p(-rate));
        return gap >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) gap;
    }

    @Override
    public void onData(ByteBuf data, long timestampNanos) {
        int length = data.readableBytes();
        if (attributes.rate() <= 0) {
            out.emit(data, timestampNanos);
            return;
        }
        if (gap >= length) {
            gap -= length;
            out.emit(data, timestampNanos);
            return;
        }
        ByteBuf target = data;
        if (data.isReadOnly()) {
            target = data.alloc().buffer(length).writeBytes(data);
            data.release();
        }
        int index = target.readerIndex();
        int end = index + length;
        long position = index + gap;
        while (position < end) {
            int at = (int) position;
            target.setByte(at, target.getByte(at) ^ (1 << random.nextInt(8)));
            long next = nextGap();
            position = next >= Long.MAX_VALUE - position ? Long.MAX_VALUE : position + 1 + next;
        }
        gap = position == Long.MAX_VALUE ? Long.MAX_VALUE : position - end;
        out.emit(target, timestampNanos);
    }

    @Override
    public void onEnd() {
        out.end();
    }

    @Override
    public void update(ToxicAttributes attributes) {
        ToxicAttributes.Corrupt next = (ToxicAttributes.Corrupt) attributes;
        if (!next.equals(this.attributes)) {
            reseed(next);
        }
    }

    @Override
    public void drain() {
        // holds nothing
    }

    @Override
    public void discard() {
        // holds nothing
    }
}
