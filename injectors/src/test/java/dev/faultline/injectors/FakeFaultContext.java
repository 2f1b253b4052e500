package dev.faultline.injectors;

import java.util.List;
import java.util.function.Consumer;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.LinkControl;

/**
 * A fault's context outside a run, made of given parts: a fault under test gets its spec, targets and containers,
 * and whatever else a test gives it ({@code with...}). What is not given is as {@link FaultContext} has it by
 * default (no topology, no links, seed 0), except the service, which is null; notes go nowhere unless a test keeps
 * them.
 */
public final class FakeFaultContext implements FaultContext {
    private final FaultSpec spec;
    private final List<String> targets;
    private final ContainerControl containers;
    private final ServiceSpec service;
    private final Topology topology;
    private final LinkControl links;
    private final long seed;
    private final Consumer<String> notes;

    private FakeFaultContext(FaultSpec spec, List<String> targets, ContainerControl containers, ServiceSpec service,
            Topology topology, LinkControl links, long seed, Consumer<String> notes) {
        this.spec = spec;
        this.targets = List.copyOf(targets);
        this.containers = containers;
        this.service = service;
        this.topology = topology;
        this.links = links;
        this.seed = seed;
        this.notes = notes;
    }

    /** A context of {@code spec} whose targets are {@code targets}, in {@code containers}. */
    public static FakeFaultContext of(FaultSpec spec, List<String> targets, ContainerControl containers) {
        return new FakeFaultContext(spec, targets, containers, null, null, LinkControl.none(), 0L, note -> { });
    }

    public FakeFaultContext withService(ServiceSpec service) {
        return new FakeFaultContext(spec, targets, containers, service, topology, links, seed, notes);
    }

    /** With the whole topology; none (as by default) for a null one. */
    public FakeFaultContext withTopology(Topology topology) {
        return new FakeFaultContext(spec, targets, containers, service, topology, links, seed, notes);
    }

    public FakeFaultContext withLinks(LinkControl links) {
        return new FakeFaultContext(spec, targets, containers, service, topology, links, seed, notes);
    }

    public FakeFaultContext withSeed(long seed) {
        return new FakeFaultContext(spec, targets, containers, service, topology, links, seed, notes);
    }

    /** With every note the fault makes passed to {@code notes} (e.g. a list's {@code add}). */
    public FakeFaultContext notingTo(Consumer<String> notes) {
        return new FakeFaultContext(spec, targets, containers, service, topology, links, seed, notes);
    }

    @Override
    public FaultSpec spec() {
        return spec;
    }

    @Override
    public List<String> targetInstances() {
        return targets;
    }

    @Override
    public ContainerControl containers() {
        return containers;
    }

    @Override
    public ServiceSpec service() {
        return service;
    }

    @Override
    public Topology topology() {
        return topology == null ? FaultContext.super.topology() : topology;
    }

    @Override
    public LinkControl links() {
        return links;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void note(String message) {
        notes.accept(message);
    }
}
