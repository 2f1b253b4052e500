package dev.faultline.engine.model;

/** An HTTP endpoint of a service: {@code {service: orchestrator, port: 8080, path: /tasks}}. */
public record Endpoint(Target service, int port, String path) {
    public Endpoint {
        java.util.Objects.requireNonNull(service, "service");
        Checks.port(port, "port");
        Checks.notBlank(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', but was '" + Excerpt.of(path) + "'");
        }
    }
}
