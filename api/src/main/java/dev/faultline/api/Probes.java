package dev.faultline.api;

import java.util.Objects;

/**
 * Probes of the steady state, typed. A replicated service passes only when every replica does; {@code worker[1]}
 * names one replica.
 *
 * <pre>{@code
 * Faultline.scenario("worker-crash")
 *         .probe(Probes.http("api-ready", "orchestrator", 8080, "/ready").within(ofMillis(500)));
 * }</pre>
 */
public final class Probes {
    private Probes() {
    }

    /** An HTTP GET of {@code path} on {@code service}'s {@code port}, expecting 200 within 1s unless told. */
    public static ProbeDefinition http(String name, String service, int port, String path) {
        return new ProbeDefinition(name, Endpoints.of(service, port, path), Settings.NONE);
    }

    /** Endpoints as the loader takes them. */
    static final class Endpoints {
        private Endpoints() {
        }

        static java.util.Map<String, Object> of(String service, int port, String path) {
            return Settings.NONE.with("service", Objects.requireNonNull(service, "service")).with("port", port)
                    .with("path", Objects.requireNonNull(path, "path")).asMap();
        }
    }
}
