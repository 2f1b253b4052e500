package dev.faultline.api;

import java.util.List;

/**
 * The {@code containment} objective: which services may degrade, which must stay healthy, and how far a failure
 * may cascade. Service names are checked against the topology when the scenario is built.
 *
 * <pre>{@code
 * Objectives.containment().mayDegrade("worker").mustStayHealthy("orchestrator")
 * }</pre>
 */
public final class Containment extends SectionObjective {
    Containment(Settings fields) {
        super("containment", fields);
    }

    /** {@code may-degrade}: the services a fault may take down. */
    public Containment mayDegrade(String... services) {
        return new Containment(fields.with("may-degrade", List.of(services)));
    }

    /** {@code must-stay-healthy}: the services that must stay healthy throughout. */
    public Containment mustStayHealthy(String... services) {
        return new Containment(fields.with("must-stay-healthy", List.of(services)));
    }

    /** {@code max-cascade-depth}: how many dependency hops a failure may travel from the faulted service. */
    public Containment maxCascadeDepth(int depth) {
        return new Containment(fields.with("max-cascade-depth", depth));
    }
}
