package dev.faultline.engine.model;

import java.time.Duration;

/** {@code halt-when: [{probe: api-ready, failing-for: 30s}]}: abort, revert everything, verdict ABORTED. */
public record HaltCondition(String probe, Duration failingFor) {
    public HaltCondition {
        Checks.notBlank(probe, "halt-when.probe");
        Checks.notNegative(failingFor, "halt-when.failing-for");
    }
}
