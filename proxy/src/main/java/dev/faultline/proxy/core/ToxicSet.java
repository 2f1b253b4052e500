package dev.faultline.proxy.core;

import dev.faultline.proxy.toxics.ToxicSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The toxics of one proxy in the order they were added. Immutable; every change makes a new set. */
public record ToxicSet(List<ToxicSpec> toxics) {
    public static final ToxicSet EMPTY = new ToxicSet(List.of());

    public ToxicSet {
        toxics = List.copyOf(toxics);
    }

    public Optional<ToxicSpec> find(String name) {
        return toxics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public ToxicSet with(ToxicSpec toxic) {
        if (find(toxic.name()).isPresent()) {
            throw new IllegalArgumentException("toxic " + toxic.name() + " already exists");
        }
        List<ToxicSpec> next = new ArrayList<>(toxics);
        next.add(toxic);
        return new ToxicSet(next);
    }

    public ToxicSet replacing(ToxicSpec toxic) {
        List<ToxicSpec> next = new ArrayList<>(toxics);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).id() == toxic.id()) {
                next.set(i, toxic);
                return new ToxicSet(next);
            }
        }
        throw new IllegalArgumentException("toxic " + toxic.name() + " is not in this set");
    }

    public ToxicSet without(String name) {
        List<ToxicSpec> next = new ArrayList<>(toxics);
        next.removeIf(t -> t.name().equals(name));
        return new ToxicSet(next);
    }

    /** The toxics of one stream, in the order added: the order data passes through them. */
    public List<ToxicSpec> forDirection(Direction direction) {
        return toxics.stream().filter(t -> t.stream() == direction).toList();
    }

    /** Toxiproxy's listing order: upstream toxics, then downstream toxics, each in the order added. */
    public List<ToxicSpec> inDisplayOrder() {
        List<ToxicSpec> result = new ArrayList<>(forDirection(Direction.UPSTREAM));
        result.addAll(forDirection(Direction.DOWNSTREAM));
        return result;
    }

    /** Host names used by the client scopes of these toxics. */
    public Set<String> hostNames() {
        Set<String> names = new LinkedHashSet<>();
        toxics.forEach(t -> names.addAll(t.clients().hostNames()));
        return names;
    }

    public boolean isEmpty() {
        return toxics.isEmpty();
    }
}
