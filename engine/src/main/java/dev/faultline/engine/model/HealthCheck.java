package dev.faultline.engine.model;

/** An HTTP endpoint answering 2xx while a service is healthy. */
public record HealthCheck(String path, int port) {
    public HealthCheck {
        Checks.notBlank(path, "health.path");
        Checks.port(port, "health.port");
    }
}
