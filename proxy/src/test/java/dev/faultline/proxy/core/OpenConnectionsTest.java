package dev.faultline.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.proxy.support.Clients;
import dev.faultline.proxy.support.Clients.Outcome;
import dev.faultline.proxy.support.ProxyServerTest;
import dev.faultline.proxy.support.TestUpstream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changes through the API reach connections that are already open, as in Toxiproxy. */
class OpenConnectionsTest extends ProxyServerTest {
    private static final byte[] PING = "ping".getBytes();

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

    private static long roundTripMillis(Socket socket) throws IOException {
        return Clients.roundTripNanos(socket, PING) / 1_000_000;
    }

    @Test
    void latencyAddedToAnOpenConnectionDelaysItAndRemovingItRestoresCleanTraffic() throws IOException {
        try (Socket socket = Clients.connect(port)) {
            roundTripMillis(socket);

            api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":500}}");
            assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(499);

            api.removeToxic("db", "latency_downstream");
            assertThat(roundTripMillis(socket)).isLessThan(250);
        }
    }

    @Test
    void updatingAToxicChangesItOnOpenConnections() throws IOException {
        api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":50}}");
        try (Socket socket = Clients.connect(port)) {
            assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(49);

            api.patch("/proxies/db/toxics/latency_downstream", "{\"attributes\":{\"latency\":400}}");

            assertThat(roundTripMillis(socket)).isGreaterThanOrEqualTo(399);
        }
    }

    @Test
    void removingALatencyToxicDeliversWhatItHeldAtOnce() throws IOException {
        api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":5000}}");
        try (Socket socket = Clients.connect(port)) {
            socket.getOutputStream().write(PING);
            assertThat(Clients.readOnce(socket, Duration.ofMillis(200))).isEqualTo(Outcome.TIMEOUT);

            long start = System.nanoTime();
            api.removeToxic("db", "latency_downstream");

            assertThat(Clients.readExactly(socket, PING.length)).isEqualTo(PING);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
        }
    }

    @Test
    void aTimeoutAddedToAnOpenConnectionHoldsItsTraffic() throws IOException {
        try (Socket socket = Clients.connect(port)) {
            roundTripMillis(socket);
            api.addToxic("db", "{\"type\":\"timeout\",\"stream\":\"upstream\",\"attributes\":{\"timeout\":0}}");

            socket.getOutputStream().write(PING);
            assertThat(Clients.readOnce(socket, Duration.ofMillis(300))).isEqualTo(Outcome.TIMEOUT);

            api.removeToxic("db", "timeout_upstream");
            assertThat(Clients.readExactly(socket, PING.length)).isEqualTo(PING);
        }
    }

    @Test
    void resetRemovesToxicsFromOpenConnections() throws IOException {
        api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":600}}");
        try (Socket socket = Clients.connect(port)) {
            client.reset();

            assertThat(roundTripMillis(socket)).isLessThan(300);
        }
    }

    @Test
    void disablingAProxyClosesOpenConnectionsAndRefusesNewOnes() throws IOException {
        try (Socket socket = Clients.connect(port)) {
            roundTripMillis(socket);

            client.getProxy("db").disable();

            assertThat(Clients.readOnce(socket, Duration.ofSeconds(3))).isIn(Outcome.EOF, Outcome.RESET);
            assertThatThrownBy(() -> Clients.connect(port)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void enablingADisabledProxyListensAgainOnTheSamePort() throws IOException {
        client.getProxy("db").disable();

        client.getProxy("db").enable();

        try (Socket socket = Clients.connect(port)) {
            roundTripMillis(socket);
        }
    }

    @Test
    void deletingAProxyClosesItsOpenConnections() throws IOException {
        try (Socket socket = Clients.connect(port)) {
            roundTripMillis(socket);

            client.getProxy("db").delete();

            assertThat(Clients.readOnce(socket, Duration.ofSeconds(3))).isIn(Outcome.EOF, Outcome.RESET);
        }
    }

    @Test
    void changingTheUpstreamSendsNewConnectionsToTheNewUpstream() throws IOException {
        try (TestUpstream other = TestUpstream.sending("other".getBytes())) {
            api.patch("/proxies/db", "{\"upstream\":\"" + other.address() + "\"}");

            try (Socket socket = Clients.connect(port)) {
                assertThat(Clients.readExactly(socket, 5)).isEqualTo("other".getBytes());
            }
        }
    }

    @Test
    void anUpstreamGivenByHostNameIsResolvedWhenAClientConnects() throws IOException {
        api.patch("/proxies/db", "{\"upstream\":\"localhost:" + echo.port() + "\"}");

        try (Socket socket = Clients.connect(port)) {
            roundTripMillis(socket);
        }
    }

    @Test
    void anUnreachableUpstreamClosesTheClient() throws IOException {
        int closedPort;
        try (TestUpstream gone = TestUpstream.echo()) {
            closedPort = gone.port();
        }
        api.patch("/proxies/db", "{\"upstream\":\"127.0.0.1:" + closedPort + "\"}");

        try (Socket socket = Clients.connect(port)) {
            assertThat(Clients.readOnce(socket, Duration.ofSeconds(3))).isIn(Outcome.EOF, Outcome.RESET);
        }
    }

    @Test
    void aClientClosingItsSocketClosesTheUpstreamConnection() throws IOException {
        Socket socket = Clients.connect(port);
        roundTripMillis(socket);
        Socket upstreamSide = echo.accepted().get(0);

        socket.close();

        // The echo server closes its socket once it reads end of stream.
        dev.faultline.proxy.support.Deadline.await("the upstream connection is closed", Duration.ofSeconds(3),
                upstreamSide::isClosed);
    }

    @Test
    void largeTransfersArriveIntactThroughTheFastPath() throws IOException {
        byte[] payload = new byte[8 << 20];
        new java.util.Random(9).nextBytes(payload);
        try (Socket socket = Clients.connect(port)) {
            Thread writer = new Thread(() -> {
                try {
                    socket.getOutputStream().write(payload);
                } catch (IOException e) {
                    // the read side fails the test
                }
            });
            writer.start();
            assertThat(Clients.readExactly(socket, payload.length)).isEqualTo(payload);
        }
    }

    @Test
    void resetPeerAddedToAnOpenConnectionResetsIt() throws IOException {
        try (Socket socket = Clients.connect(port)) {
            roundTripMillis(socket);

            api.addToxic("db", "{\"type\":\"reset_peer\",\"attributes\":{\"timeout\":0}}");
            socket.getOutputStream().write(PING);

            assertThat(Clients.readOnce(socket, Duration.ofSeconds(3))).isEqualTo(Outcome.RESET);
        }
    }

    @Test
    void togglingToxicsDuringATransferNeitherLosesNorReordersBytes() throws Exception {
        byte[] payload = new byte[4 << 20];
        new java.util.Random(11).nextBytes(payload);
        try (Socket socket = Clients.connect(port)) {
            Thread writer = new Thread(() -> {
                try {
                    for (int at = 0; at < payload.length; at += 16 * 1024) {
                        socket.getOutputStream().write(payload, at, Math.min(16 * 1024, payload.length - at));
                    }
                } catch (IOException e) {
                    // the read side fails the test
                }
            });
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread toggler = new Thread(() -> {
                String[] toxics = {
                    "{\"name\":\"t\",\"type\":\"latency\",\"attributes\":{\"latency\":3}}",
                    "{\"name\":\"t\",\"type\":\"slicer\",\"stream\":\"upstream\",\"attributes\":{\"average_size\":500,\"size_variation\":100}}",
                    "{\"name\":\"t\",\"type\":\"timeout\",\"attributes\":{\"timeout\":0}}",
                    "{\"name\":\"t\",\"type\":\"bandwidth\",\"attributes\":{\"rate\":20000}}",
                };
                for (int i = 0; !done.get() && i < 400; i++) {
                    api.addToxic("db", toxics[i % toxics.length]);
                    api.removeToxic("db", "t");
                }
            });
            writer.start();
            toggler.start();
            byte[] received = Clients.readExactly(socket, payload.length);
            done.set(true);
            toggler.join();

            assertThat(java.util.Arrays.equals(received, payload)).as("bytes arrive complete and in order").isTrue();
        }
    }
}
