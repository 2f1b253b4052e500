package dev.faultline.engine.model;

import java.time.Duration;

/** One steady-state check: an HTTP GET that must answer {@code expectStatus} within {@code within}. */
public record Probe(String name, Endpoint http, int expectStatus, Duration within) {
    public Probe {
        Checks.notBlank(name, "probe name");
        java.util.Objects.requireNonNull(http, "probes." + name + ".http");
        if (expectStatus < 100 || expectStatus > 599) {
            throw new IllegalArgumentException("expect.status must be an HTTP status (100-599), but was " + expectStatus);
        }
        Checks.positive(within, "expect.within");
    }
}
