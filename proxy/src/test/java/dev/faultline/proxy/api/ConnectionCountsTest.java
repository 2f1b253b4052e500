package dev.faultline.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.support.Api;
import dev.faultline.proxy.support.Deadline;
import dev.faultline.proxy.support.ProxyServerTest;
import dev.faultline.proxy.support.TestUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** GET /proxies/{p}/connections, the Faultline extension that counts connection attempts at a proxy. */
class ConnectionCountsTest extends ProxyServerTest {

    @Test
    void everyAcceptedClientConnectionIsCountedAndOpenOnesAreShown() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            assertThat(api.get("/proxies/db/connections").body()).isEqualTo("{\"accepted\":0,\"open\":0}");

            try (Socket first = new Socket("127.0.0.1", port)) {
                new Socket("127.0.0.1", port).close();
                new Socket("127.0.0.1", port).close();
                Deadline.await("3 accepted, 1 open", Duration.ofSeconds(5),
                        () -> api.get("/proxies/db/connections").body().equals("{\"accepted\":3,\"open\":1}"));
            }
            Deadline.await("none open", Duration.ofSeconds(5),
                    () -> api.get("/proxies/db/connections").body().equals("{\"accepted\":3,\"open\":0}"));
        }
    }

    @Test
    void attemptsThatFindTheUpstreamGoneAreCountedToo() throws IOException {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0)) {
            closedPort = gone.getLocalPort();
        }
        int port = api.createProxy("mq", "127.0.0.1:" + closedPort);

        for (int i = 0; i < 5; i++) {
            new Socket("127.0.0.1", port).close();
        }

        Deadline.await("5 accepted", Duration.ofSeconds(5),
                () -> api.get("/proxies/mq/connections").body().startsWith("{\"accepted\":5,"));
    }

    @Test
    void theCountSurvivesDisableAndResetAndTheProxyJsonStaysToxiproxys() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            new Socket("127.0.0.1", port).close();
            Deadline.await("1 accepted", Duration.ofSeconds(5),
                    () -> api.get("/proxies/db/connections").body().startsWith("{\"accepted\":1,"));

            api.patch("/proxies/db", "{\"enabled\":false}");
            api.post("/reset", "");

            assertThat(api.get("/proxies/db/connections").body()).startsWith("{\"accepted\":1,");
            assertThat(api.get("/proxies/db").body()).doesNotContain("accepted");
            assertThat(client.getProxy("db").getName()).isEqualTo("db");
        }
    }

    @Test
    void anUnknownProxyAnswers404AndOtherMethods405() {
        Api.Response missing = api.get("/proxies/nope/connections");
        api.createProxy("db", "127.0.0.1:1");
        Api.Response post = api.post("/proxies/db/connections", "{}");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"proxy not found\",\"status\":404}\n");
        assertThat(post.status()).isEqualTo(405);
    }
}
