package dev.faultline.proxy.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.FaultlineProxy;
import dev.faultline.proxy.ServerOptions;
import dev.faultline.proxy.support.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13: with {@code -api-clients} the API answers only the listed addresses. */
class ApiClientsTest {
    private static final byte[] GET_PROXIES = "GET /proxies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void anUnlistedClientIsAnswered403AndAListedOneIsServed() throws IOException {
        try (FaultlineProxy server = FaultlineProxy.start(ServerOptions.builder().host("127.0.0.1").port(0)
                .apiClients(List.of("127.0.0.2", "10.0.0.0/8")).build())) {
            int port = server.apiAddress().getPort();

            RawHttp.Answer unlisted = RawHttp.exchangeFrom("127.0.0.1", port, GET_PROXIES);
            RawHttp.Answer listed = RawHttp.exchangeFrom("127.0.0.2", port, GET_PROXIES);

            assertThat(unlisted.status()).isEqualTo(403);
            assertThat(unlisted.body()).isEqualTo("{\"error\":\"API clients are limited by -api-clients; this address is "
                    + "not among them\",\"status\":403}\n");
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body()).isEqualTo("{}");
        }
    }

    @Test
    void withoutTheFlagEveryClientIsServed() throws IOException {
        try (FaultlineProxy server = FaultlineProxy.start(ServerOptions.builder().host("127.0.0.1").port(0).build())) {
            assertThat(RawHttp.exchangeFrom("127.0.0.1", server.apiAddress().getPort(), GET_PROXIES).status()).isEqualTo(200);
        }
    }
}
