package dev.faultline.injectors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;

/**
 * {@code network}: toxics on a link's traffic through the fault proxy for the fault's duration. On a link
 * ({@code worker[0]->rabbitmq}) they act only on the chosen clients' connections; on a service ({@code rabbitmq}),
 * on every connection into it. Reverting deletes exactly this fault's toxics.
 */
public final class NetworkFault implements Fault {
    private final List<NetworkEffect> effects;
    private final Direction direction;
    private final double toxicity;

    /**
     * @param effects   at least one, at most one of each kind; a {@link NetworkEffect.Partition} stands alone
     * @param direction which streams the effects act on (a partition always acts on both)
     * @param toxicity  the share of connections the effects act on, in (0, 1]
     */
    public NetworkFault(List<NetworkEffect> effects, Direction direction, double toxicity) {
        Objects.requireNonNull(effects, "effects");
        if (effects.isEmpty()) {
            throw new IllegalArgumentException("a network fault needs at least one effect, but had none");
        }
        Set<Class<?>> kinds = new HashSet<>();
        for (NetworkEffect effect : effects) {
            if (!kinds.add(Objects.requireNonNull(effect, "effect").getClass())) {
                throw new IllegalArgumentException("a network fault takes each effect once, but had " + effect.label()
                        + " twice");
            }
        }
        if (kinds.contains(NetworkEffect.Partition.class) && effects.size() > 1) {
            throw new IllegalArgumentException("a partition holds all data both ways and cannot be combined with "
                    + "other effects, but had " + String.join(", ", effects.stream().map(NetworkEffect::label).toList()));
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction must be upstream, downstream or both, but was null");
        }
        if (!(toxicity > 0 && toxicity <= 1)) {
            throw new IllegalArgumentException("toxicity must be greater than 0 and at most 1, but was " + toxicity);
        }
        this.effects = List.copyOf(effects);
        this.direction = direction;
        this.toxicity = toxicity;
    }

    /** One toxic per effect and stream. */
    List<Toxic> toxics() {
        List<Toxic> toxics = new ArrayList<>();
        for (NetworkEffect effect : effects) {
            for (Direction stream : effect.streams(direction)) {
                toxics.add(new Toxic(effect.label(), effect.toxicType(), stream, toxicity, effect.attributes()));
            }
        }
        return toxics;
    }

    /** Holds no state of its own: a run's toxics are named after its fault and placed by its context. */
    @Override
    public Fault.Handle handle(FaultContext context) {
        return LinkToxics.handle(context, toxics());
    }

    @Override
    public Reach reach() {
        return Reach.LINKS;
    }

    /** {@code latency=200ms jitter=50ms direction=both toxicity=100%}. */
    @Override
    public String describe() {
        boolean partition = effects.get(0) instanceof NetworkEffect.Partition;
        return String.join(" ", effects.stream().map(NetworkEffect::describe).toList())
                + " direction=" + (partition ? Direction.BOTH : direction).yamlName()
                + " toxicity=" + Formats.percent(toxicity);
    }
}
