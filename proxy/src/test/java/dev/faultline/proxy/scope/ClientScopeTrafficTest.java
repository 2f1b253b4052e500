package dev.faultline.proxy.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.support.Clients;
import dev.faultline.proxy.support.Clients.Outcome;
import dev.faultline.proxy.support.ProxyServerTest;
import dev.faultline.proxy.support.TestUpstream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faultline's {@code clients} scope on real connections. Clients bind to 127.0.0.1 or 127.0.0.2 (both
 * loopback on Linux). The toxic used is {@code limit_data} with 0 bytes: a connection it applies to
 * ends as soon as the echo comes back, one it spares gets its echo.
 */
class ClientScopeTrafficTest extends ProxyServerTest {
    private static final byte[] PING = "ping".getBytes();
    private static final String CUT = "{\"name\":\"cut\",\"type\":\"limit_data\",\"attributes\":{\"bytes\":0},\"clients\":";

    private TestUpstream echo;
    private int port;

    @BeforeEach
    void startEchoProxy() throws IOException {
        echo = TestUpstream.echo();
        port = api.createProxy("db", echo.address());
    }

    @AfterEach
    void stopEcho() throws IOException {
        echo.close();
    }

    private boolean isCutFrom(String clientAddress) throws IOException {
        try (Socket socket = Clients.connectFrom(clientAddress, port)) {
            return isCut(socket);
        }
    }

    private static boolean isCut(Socket socket) throws IOException {
        socket.getOutputStream().write(PING);
        Outcome outcome = Clients.readOnce(socket, Duration.ofSeconds(5));
        assertThat(outcome).isIn(Outcome.DATA, Outcome.EOF);
        return outcome == Outcome.EOF;
    }

    @Test
    void aToxicScopedToOneAddressSparesOtherClientsAndHitsThatOne() throws IOException {
        api.addToxic("db", CUT + "[\"127.0.0.2\"]}");

        assertThat(isCutFrom("127.0.0.1")).isFalse();
        assertThat(isCutFrom("127.0.0.2")).isTrue();
    }

    @Test
    void aCidrEntryMatchesTheAddressesInsideIt() throws IOException {
        api.addToxic("db", CUT + "[\"127.0.0.2/31\"]}");

        assertThat(isCutFrom("127.0.0.1")).isFalse();
        assertThat(isCutFrom("127.0.0.2")).isTrue();
        assertThat(isCutFrom("127.0.0.3")).isTrue();
    }

    @Test
    void aHostNameEntryMatchesTheAddressesItResolvesTo() throws IOException {
        api.addToxic("db", CUT + "[\"localhost\"]}");

        assertThat(isCutFrom("127.0.0.1")).isTrue();
        assertThat(isCutFrom("127.0.0.2")).isFalse();
    }

    @Test
    void anUnscopedToxicHitsEveryClient() throws IOException {
        api.addToxic("db", "{\"name\":\"cut\",\"type\":\"limit_data\",\"attributes\":{\"bytes\":0}}");

        assertThat(isCutFrom("127.0.0.1")).isTrue();
        assertThat(isCutFrom("127.0.0.2")).isTrue();
    }

    @Test
    void updatingTheClientsOfAToxicReevaluatesOpenConnections() throws IOException {
        api.addToxic("db", "{\"name\":\"hold\",\"type\":\"timeout\",\"attributes\":{\"timeout\":0},\"clients\":[\"127.0.0.2\"]}");
        try (Socket socket = Clients.connectFrom("127.0.0.1", port)) {
            assertThat(Clients.roundTripNanos(socket, PING)).isPositive();

            api.patch("/proxies/db/toxics/hold", "{\"clients\":[\"127.0.0.1\"]}");
            socket.getOutputStream().write(PING);
            assertThat(Clients.readOnce(socket, Duration.ofMillis(300))).isEqualTo(Outcome.TIMEOUT);

            api.patch("/proxies/db/toxics/hold", "{\"clients\":[\"127.0.0.9\"]}");
            assertThat(Clients.readExactly(socket, PING.length)).isEqualTo(PING);
        }
    }

    @Test
    void aToxicScopedToAnotherClientLeavesAnOpenConnectionAlone() throws IOException {
        try (Socket spared = Clients.connectFrom("127.0.0.1", port);
             Socket hit = Clients.connectFrom("127.0.0.2", port)) {
            assertThat(Clients.roundTripNanos(spared, PING)).isPositive();
            assertThat(Clients.roundTripNanos(hit, PING)).isPositive();

            api.addToxic("db", CUT + "[\"127.0.0.2\"]}");

            assertThat(isCut(spared)).isFalse();
            assertThat(isCut(hit)).isTrue();
        }
    }
}
