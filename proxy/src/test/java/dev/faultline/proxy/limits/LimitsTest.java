package dev.faultline.proxy.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.FaultlineProxy;
import dev.faultline.proxy.ServerOptions;
import dev.faultline.proxy.core.Limits;
import dev.faultline.proxy.support.Api;
import dev.faultline.proxy.support.Clients;
import dev.faultline.proxy.support.Deadline;
import dev.faultline.proxy.support.TestUpstream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 13: the limits on proxies, toxics, connections and idle API connections. */
class LimitsTest {
    private static final Limits SMALL = new Limits(2, 2, 3, 2, 3, Duration.ofSeconds(60));

    private final List<AutoCloseable> open = new ArrayList<>();

    private FaultlineProxy start(Limits limits) throws IOException {
        FaultlineProxy server = FaultlineProxy.start(ServerOptions.builder().host("127.0.0.1").port(0).limits(limits).build());
        open.add(server);
        return server;
    }

    private Socket connect(int port) throws IOException {
        Socket socket = Clients.connect(port);
        open.add(socket);
        return socket;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aProxyOverTheLimitAnswers409NamingTheFlagAndIsNotCreated() throws IOException {
        Api api = new Api(start(SMALL).apiUrl());
        api.createProxy("a", "127.0.0.1:9");
        api.createProxy("b", "127.0.0.1:9");

        Api.Response third = api.post("/proxies", "{\"name\":\"c\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}");
        Api.Response populate = api.post("/populate", "[{\"name\":\"d\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}]");

        assertThat(third.status()).isEqualTo(409);
        assertThat(third.body()).isEqualTo("{\"error\":\"proxy limit reached: 2 exist (-max-proxies)\",\"status\":409}\n");
        assertThat(populate.status()).isEqualTo(409);
        assertThat(api.get("/proxies").body()).doesNotContain("\"c\"", "\"d\"");
    }

    @Test
    void aToxicOverTheLimitAnswers409() throws IOException {
        Api api = new Api(start(SMALL).apiUrl());
        api.createProxy("a", "127.0.0.1:9");
        api.addToxic("a", "{\"name\":\"one\",\"type\":\"latency\"}");
        api.addToxic("a", "{\"name\":\"two\",\"type\":\"latency\"}");

        Api.Response third = api.post("/proxies/a/toxics", "{\"name\":\"three\",\"type\":\"latency\"}");

        assertThat(third.status()).isEqualTo(409);
        assertThat(third.body()).contains("toxic limit reached: 2 exist (-max-toxics)");
    }

    @Test
    void aClientConnectionOverThePerProxyLimitIsClosedAtOnceAndAPlaceFreedIsTakenAgain() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            Api api = new Api(start(SMALL).apiUrl());
            int port = api.createProxy("a", echo.address());
            Socket first = connect(port);
            Socket second = connect(port);
            assertEchoes(first);
            assertEchoes(second);

            Socket third = connect(port);

            assertThat(Clients.readOnce(third, Duration.ofSeconds(5))).isIn(Clients.Outcome.EOF, Clients.Outcome.RESET);
            first.close();
            Deadline.await("a new connection is proxied once one closed", Duration.ofSeconds(10), () -> echoes(port));
        }
    }

    @Test
    void theTotalLimitCountsTheConnectionsOfEveryProxy() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            Api api = new Api(start(SMALL).apiUrl());
            int a = api.createProxy("a", echo.address());
            int b = api.createProxy("b", echo.address());
            assertEchoes(connect(a));
            assertEchoes(connect(a));
            assertEchoes(connect(b));

            Socket fourth = connect(b);

            assertThat(Clients.readOnce(fourth, Duration.ofSeconds(5))).isIn(Clients.Outcome.EOF, Clients.Outcome.RESET);
        }
    }

    @Test
    void anApiConnectionOverTheLimitIsClosedAtOnce() throws IOException {
        FaultlineProxy server = start(SMALL);
        int port = server.apiAddress().getPort();
        for (int i = 0; i < SMALL.maxApiConnections(); i++) {
            connect(port);
        }

        Socket extra = connect(port);

        assertThat(Clients.readOnce(extra, Duration.ofSeconds(5))).isIn(Clients.Outcome.EOF, Clients.Outcome.RESET);
    }

    @Test
    void anIdleApiConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        Limits quick = new Limits(2, 2, 3, 2, 3, Duration.ofMillis(300));
        FaultlineProxy server = start(quick);
        Socket idle = connect(server.apiAddress().getPort());

        assertThat(Clients.readOnce(idle, Duration.ofSeconds(10))).isIn(Clients.Outcome.EOF, Clients.Outcome.RESET);
        assertThat(new Api(server.apiUrl()).get("/version").status()).isEqualTo(200);
    }

    private static void assertEchoes(Socket socket) throws IOException {
        socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(Clients.readExactly(socket, 4), StandardCharsets.US_ASCII)).isEqualTo("ping");
    }

    private static boolean echoes(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(2000);
            assertEchoes(socket);
            return true;
        } catch (IOException | AssertionError e) {
            return false;
        }
    }
}
