package dev.faultline.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A probe of the steady state, typed, from {@link Probes}. Immutable: every method returns a new probe. Checked when
 * the scenario is built, with the messages a scenario file gets.
 *
 * <pre>{@code
 * Probes.http("api-ready", "orchestrator", 8080, "/ready").status(200).within(ofMillis(500))
 * }</pre>
 */
public final class ProbeDefinition {
    private final String name;
    private final Map<String, Object> http;
    private final Settings expect;

    ProbeDefinition(String name, Map<String, Object> http, Settings expect) {
        this.name = Objects.requireNonNull(name, "probe name");
        this.http = http;
        this.expect = expect;
    }

    /** {@code expect.status}: the status expected (default 200). */
    public ProbeDefinition status(int status) {
        return new ProbeDefinition(name, http, expect.with("status", status));
    }

    /** {@code expect.within}: how soon the answer must come (default 1s). */
    public ProbeDefinition within(Duration within) {
        return new ProbeDefinition(name, http, expect.with("within", Objects.requireNonNull(within, "within")));
    }

    public String name() {
        return name;
    }

    /** The entry of {@code steady-state.probes:} as the loader takes it. */
    public Map<String, Object> toDocument() {
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("name", name);
        probe.put("http", http);
        if (!expect.asMap().isEmpty()) {
            probe.put("expect", expect.asMap());
        }
        return probe;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbeDefinition other && toDocument().equals(other.toDocument());
    }

    @Override
    public int hashCode() {
        return toDocument().hashCode();
    }

    @Override
    public String toString() {
        return toDocument().toString();
    }
}
