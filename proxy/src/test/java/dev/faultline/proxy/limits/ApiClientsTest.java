package dev.faultline.proxy.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.FaultlineProxy;
import dev.faultline.proxy.ServerOptions;
import dev.faultline.proxy.support.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
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

    /**
     * A refused client that writes its request after the 403 was sent, a line at a time as bash's {@code printf}
     * does, must still read the 403. Closing a socket with unread bytes answers the next segment with a reset, and
     * the client's next write then fails (a shell dies of SIGPIPE): ProxyApiReachIT saw an empty answer in CI.
     */
    @Test
    void aRefusedClientWritingItsRequestInPiecesAfterThe403StillReadsIt() throws IOException {
        try (FaultlineProxy server = FaultlineProxy.start(ServerOptions.builder().host("127.0.0.1").port(0)
                .apiClients(List.of("127.0.0.2")).build())) {
            for (int attempt = 0; attempt < 20; attempt++) {
                try (Socket socket = new Socket("127.0.0.1", server.apiAddress().getPort())) {
                    socket.setSoTimeout(5_000);
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (socket.getInputStream().available() == 0 && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    String answer;
                    try {
                        for (String line : new String(GET_PROXIES, StandardCharsets.US_ASCII).split("(?<=\\n)")) {
                            socket.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
                        }
                        answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    } catch (SocketException e) {
                        answer = "failed: " + e.getMessage();
                    }
                    assertThat(answer).as("attempt %d", attempt).startsWith("HTTP/1.1 403 Forbidden");
                }
            }
        }
    }

    @Test
    void withoutTheFlagEveryClientIsServed() throws IOException {
        try (FaultlineProxy server = FaultlineProxy.start(ServerOptions.builder().host("127.0.0.1").port(0).build())) {
            assertThat(RawHttp.exchangeFrom("127.0.0.1", server.apiAddress().getPort(), GET_PROXIES).status()).isEqualTo(200);
        }
    }
}
