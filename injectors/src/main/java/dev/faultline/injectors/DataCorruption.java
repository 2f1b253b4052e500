package dev.faultline.injectors;

import java.util.List;
import java.util.Map;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;

/**
 * {@code data-corruption} of kind {@code stream}: for the fault's duration the fault proxy flips one random bit in
 * each byte of a link's traffic with probability {@code rate}, drawing from the fault's seed so that the same
 * scenario seed corrupts the same way. Placed and scoped like a {@link NetworkFault}.
 */
public final class DataCorruption implements Fault {
    /** The proxy draws a random seed for 0, so a context seed of 0 is sent as this, to stay reproducible. */
    static final long SEED_FOR_ZERO = 0x5EEDL;

    private final CorruptionKind kind;
    private final double rate;
    private final Direction direction;

    /**
     * @param kind      {@link CorruptionKind#STREAM}, the only kind that acts on a link
     * @param rate      the probability that a byte gets one bit flipped, in (0, 1]
     * @param direction which streams are corrupted
     */
    public DataCorruption(CorruptionKind kind, double rate, Direction direction) {
        if (kind != CorruptionKind.STREAM) {
            throw new IllegalArgumentException("kind must be stream (the other kinds are faults of their own), but was "
                    + kind);
        }
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be greater than 0 and at most 1, but was " + rate);
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction must be upstream, downstream or both, but was null");
        }
        this.kind = kind;
        this.rate = rate;
        this.direction = direction;
    }

    /** One {@code corrupt} toxic per stream, seeded with the fault's seed. */
    List<Toxic> toxics(long seed) {
        long sent = seed == 0 ? SEED_FOR_ZERO : seed;
        return direction.streams().stream()
                .map(stream -> new Toxic("corrupt", "corrupt", stream, 1.0, Map.of("rate", rate, "seed", sent)))
                .toList();
    }

    /** Holds no state of its own: a run's toxics are named after its fault and placed by its context. */
    @Override
    public Fault.Handle handle(FaultContext context) {
        return LinkToxics.handle(context, toxics(context.seed()));
    }

    @Override
    public Reach reach() {
        return Reach.LINKS;
    }

    /** {@code kind=stream rate=0.1% direction=both}. */
    @Override
    public String describe() {
        return "kind=" + kind.yamlName() + " rate=" + Formats.percent(rate) + " direction=" + direction.yamlName();
    }
}
