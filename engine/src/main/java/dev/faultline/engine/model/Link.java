package dev.faultline.engine.model;

/** A network path {@code from -> to:port} that runs through the fault proxy. */
public record Link(String from, String to, int port) {
    public Link {
        Checks.notBlank(from, "links.from");
        Checks.notBlank(to, "links.to");
        Checks.port(port, "links.port");
    }

    public String id() {
        return from + "->" + to;
    }
}
