package dev.faultline.engine.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.faultline.engine.spi.Objective;

/** A whole scenario, checked and typed: what to start, what load to drive, what to break and what must hold. */
public record Scenario(
        String name,
        String description,
        Path source,
        Topology topology,
        long seed,
        Duration sampleEvery,
        List<Probe> probes,
        LoadSpec load,
        List<FaultSpec> faults,
        List<Objective> objectives,
        List<HaltCondition> haltWhen,
        Duration sharpen) {

    public static final Duration DEFAULT_SAMPLE_EVERY = Duration.ofMillis(100);
    /** How often extra probes go out while a transition is being narrowed ({@code steady-state.sharpen}). */
    public static final Duration DEFAULT_SHARPEN = Duration.ofMillis(2);

    /** With the default {@code sharpen}. */
    public Scenario(String name, String description, Path source, Topology topology, long seed, Duration sampleEvery,
                    List<Probe> probes, LoadSpec load, List<FaultSpec> faults, List<Objective> objectives,
                    List<HaltCondition> haltWhen) {
        this(name, description, source, topology, seed, sampleEvery, probes, load, faults, objectives, haltWhen, null);
    }

    public Scenario {
        Checks.notBlank(name, "scenario");
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("scenario must match [a-z0-9-]+, but was '" + Excerpt.of(name) + "'");
        }
        java.util.Objects.requireNonNull(topology, "topology");
        sampleEvery = sampleEvery == null ? DEFAULT_SAMPLE_EVERY : Checks.positive(sampleEvery, "steady-state.sample-every");
        description = description == null ? "" : description;
        probes = List.copyOf(probes);
        faults = List.copyOf(faults);
        objectives = List.copyOf(objectives);
        haltWhen = List.copyOf(haltWhen);
        sharpen = sharpen == null ? DEFAULT_SHARPEN : Checks.notNegative(sharpen, "steady-state.sharpen");
    }

    /** Whether extra probes narrow transitions ({@code steady-state.sharpen} is not {@code off}). */
    public boolean sharpens() {
        return !sharpen.isZero();
    }

    /** The same scenario with another seed ({@code --seed} overrides the file's). */
    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, source, topology, newSeed, sampleEvery, probes, load, faults, objectives,
                haltWhen, sharpen);
    }

    /** The same scenario with {@code more} halt conditions after its own (a drill's {@code halt-when} adds them). */
    public Scenario withMoreHaltConditions(List<HaltCondition> more) {
        List<HaltCondition> all = new java.util.ArrayList<>(haltWhen);
        all.addAll(more);
        return new Scenario(name, description, source, topology, seed, sampleEvery, probes, load, faults, objectives,
                all, sharpen);
    }

    /**
     * The same topology and probes with nothing else: no load, no fault, no objective, no halt condition. Run, it
     * starts the topology, checks the steady state and removes everything (a drill plan's dry run).
     */
    public Scenario steadyStateOnly() {
        return new Scenario(name, description, source, topology, seed, sampleEvery, probes, null, List.of(), List.of(),
                List.of(), sharpen);
    }

    public Optional<LoadSpec> loadSpec() {
        return Optional.ofNullable(load);
    }
}
