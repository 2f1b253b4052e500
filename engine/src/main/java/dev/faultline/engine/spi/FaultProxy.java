package dev.faultline.engine.spi;

import java.util.List;
import java.util.Objects;

/**
 * The fault proxy interposed in front of one service: a Toxiproxy-API server reachable from the harness at
 * {@code apiHost:apiPort}, holding one proxy per linked port of the service. Clients reach the proxy by the
 * service's name; the proxy forwards to the real service.
 *
 * @param service the service the proxy stands in front of ({@code rabbitmq})
 * @param apiHost always {@code 127.0.0.1}
 * @param apiPort the published port of the proxy's HTTP API
 * @param ports   one entry per proxied port
 */
public record FaultProxy(String service, String apiHost, int apiPort, List<ProxiedPort> ports) {
    public FaultProxy {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(apiHost, "apiHost");
        ports = List.copyOf(ports);
    }

    /** The API's base address, e.g. {@code http://127.0.0.1:32771}. */
    public String apiUri() {
        return "http://" + apiHost + ":" + apiPort;
    }

    /** The proxied ports that the declared links from {@code fromService} use. */
    public List<ProxiedPort> portsFrom(String fromService) {
        return ports.stream().filter(p -> p.clients().contains(fromService)).toList();
    }

    /**
     * One proxy of the server (Toxiproxy's "proxy"): it listens on {@code port} under the service's name.
     *
     * @param proxyName the proxy's name in the API ({@code rabbitmq-5672})
     * @param port      the port clients connect to
     * @param clients   the services whose declared links use this port
     */
    public record ProxiedPort(String proxyName, int port, List<String> clients) {
        public ProxiedPort {
            Objects.requireNonNull(proxyName, "proxyName");
            clients = List.copyOf(clients);
        }
    }
}
