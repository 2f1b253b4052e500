package dev.faultline.engine.runtime;

/** A state change of one of the run's containers, from Docker's event stream. */
public record ContainerEvent(String instance, String action, Long exitCode, long timeNanos) {
}
