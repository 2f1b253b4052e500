package dev.faultline.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code load:} of a scenario, typed, from {@link Load}. Immutable: every method returns a new value. Checked
 * when the scenario is built, by the load driver's own checks, with the messages a scenario file gets.
 *
 * <pre>{@code
 * Load.ledger(Rate.perSecond(20), ofSeconds(30))
 *         .submit("orchestrator", 8080, "/tasks").results("orchestrator", 8080, "/results").drain(ofSeconds(30))
 * }</pre>
 */
public final class LoadDefinition {
    private final Settings fields;

    LoadDefinition(Settings fields) {
        this.fields = fields;
    }

    private LoadDefinition set(String key, Object value) {
        return new LoadDefinition(fields.with(key, value));
    }

    /** {@code submit}: where work is submitted (POST). */
    public LoadDefinition submit(String service, int port, String path) {
        return set("submit", Probes.Endpoints.of(service, port, path));
    }

    /** {@code results}: where completed work is read (GET). */
    public LoadDefinition results(String service, int port, String path) {
        return set("results", Probes.Endpoints.of(service, port, path));
    }

    /** {@code drain}: how long to wait at most for work in flight after the load (default 30s). */
    public LoadDefinition drain(Duration drain) {
        return set("drain", Objects.requireNonNull(drain, "drain"));
    }

    /** {@code ramp-up}: from 0 to the rate over this long (Gatling). */
    public LoadDefinition rampUp(Duration rampUp) {
        return set("ramp-up", Objects.requireNonNull(rampUp, "rampUp"));
    }

    /** {@code users}: closed workload of this many users instead of a rate (Gatling). */
    public LoadDefinition users(int users) {
        return set("users", users);
    }

    /** {@code simulation}: a Gatling simulation class of the team's own. */
    public LoadDefinition simulation(String className) {
        return set("simulation", Objects.requireNonNull(className, "simulation"));
    }

    /** The {@code load:} section as the loader takes it. */
    public Map<String, Object> toDocument() {
        return fields.asMap();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadDefinition other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "load " + fields;
    }
}
