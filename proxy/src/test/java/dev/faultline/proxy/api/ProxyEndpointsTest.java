package dev.faultline.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.proxy.Version;
import dev.faultline.proxy.support.Api;
import dev.faultline.proxy.support.Clients;
import dev.faultline.proxy.support.ProxyServerTest;
import dev.faultline.proxy.support.TestUpstream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy endpoints of the Toxiproxy 2.x API: status codes, JSON shapes and error texts. */
class ProxyEndpointsTest extends ProxyServerTest {
    private TestUpstream upstream;

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = TestUpstream.echo();
    }

    @AfterEach
    void stopUpstream() throws IOException {
        upstream.close();
    }

    private static String error(String message, int status) {
        return "{\"error\":\"" + message + "\",\"status\":" + status + "}\n";
    }

    @Test
    void versionAnswersTheBuildVersionAsJson() throws IOException {
        Api.Response response = api.get("/version");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json;charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"version\": \"" + Version.current() + "\"}\n");
        assertThat(client.version()).contains("\"version\": \"" + Version.current() + "\"");
    }

    @Test
    void createProxyAnswers201WithTheRealPortOfAListenPortOfZero() {
        Api.Response response = api.post("/proxies",
                "{\"name\":\"db\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + upstream.address() + "\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).matches(
                "\\{\"name\":\"db\",\"listen\":\"127\\.0\\.0\\.1:[1-9][0-9]*\",\"upstream\":\"" + upstream.address()
                        + "\",\"enabled\":true,\"toxics\":\\[]}");
    }

    @Test
    void createProxyWithATakenNameAnswers409() {
        api.createProxy("db", upstream.address());

        Api.Response response = api.post("/proxies", "{\"name\":\"db\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).isEqualTo(error("proxy already exists", 409));
    }

    @Test
    void createProxyWithoutUpstreamAnswers400() {
        Api.Response response = api.post("/proxies", "{\"name\":\"db\",\"listen\":\"127.0.0.1:0\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(error("missing required field: upstream", 400));
    }

    @Test
    void createProxyWithoutNameAnswers400() {
        Api.Response response = api.post("/proxies", "{\"upstream\":\"" + upstream.address() + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(error("missing required field: name", 400));
    }

    @Test
    void createProxyWithInvalidJsonAnswers400BadRequestBody() {
        Api.Response response = api.post("/proxies", "{\"name\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"bad request body: ").endsWith(",\"status\":400}\n");
    }

    @Test
    void createProxyWithAFieldOfTheWrongTypeAnswers400NamingTheField() {
        Api.Response response = api.post("/proxies", "{\"name\":5,\"upstream\":\"" + upstream.address() + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(error("bad request body: name: expected a string but was number 5", 400));
    }

    @Test
    void createProxyOnAPortInUseAnswers500WithGosBindError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            Api.Response response = api.post("/proxies",
                    "{\"name\":\"db\",\"listen\":\"127.0.0.1:" + port + "\",\"upstream\":\"" + upstream.address() + "\"}");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).isEqualTo(
                    error("listen tcp 127.0.0.1:" + port + ": bind: address already in use", 500));
            assertThat(api.get("/proxies/db").status()).isEqualTo(404);
        }
    }

    @Test
    void createDisabledProxyKeepsItsListenAddressAndDoesNotListen() throws IOException {
        int port = freePort();
        Api.Response response = api.post("/proxies", "{\"name\":\"db\",\"listen\":\"127.0.0.1:" + port
                + "\",\"upstream\":\"" + upstream.address() + "\",\"enabled\":false}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).contains("\"listen\":\"127.0.0.1:" + port + "\"", "\"enabled\":false");
        assertThatThrownBy(() -> Clients.connect(port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void listProxiesIsAnObjectByNameSortedByName() {
        int portB = api.createProxy("b", upstream.address());
        int portA = api.createProxy("a", upstream.address());

        Api.Response response = api.get("/proxies");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{"
                + "\"a\":{\"name\":\"a\",\"listen\":\"127.0.0.1:" + portA + "\",\"upstream\":\"" + upstream.address()
                + "\",\"enabled\":true,\"toxics\":[]},"
                + "\"b\":{\"name\":\"b\",\"listen\":\"127.0.0.1:" + portB + "\",\"upstream\":\"" + upstream.address()
                + "\",\"enabled\":true,\"toxics\":[]}}");
    }

    @Test
    void listProxiesOfAnEmptyServerIsAnEmptyObject() {
        assertThat(api.get("/proxies").body()).isEqualTo("{}");
    }

    @Test
    void getProxyShowsItWithItsToxics() {
        int port = api.createProxy("db", upstream.address());
        api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":5}}");

        Api.Response response = api.get("/proxies/db");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"name\":\"db\",\"listen\":\"127.0.0.1:" + port + "\",\"upstream\":\""
                + upstream.address() + "\",\"enabled\":true,\"toxics\":[{\"attributes\":{\"latency\":5,\"jitter\":0},"
                + "\"name\":\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}]}");
    }

    @Test
    void getUnknownProxyAnswers404() {
        Api.Response response = api.get("/proxies/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(error("proxy not found", 404));
    }

    @Test
    void patchProxyDisablesItAndAnswersTheProxy() {
        int port = api.createProxy("db", upstream.address());

        Api.Response response = api.patch("/proxies/db", "{\"enabled\":false}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"name\":\"db\",\"listen\":\"127.0.0.1:" + port + "\",\"upstream\":\""
                + upstream.address() + "\",\"enabled\":false,\"toxics\":[]}");
        assertThatThrownBy(() -> Clients.connect(port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void postToAProxyUpdatesItLikePatch() {
        api.createProxy("db", upstream.address());

        Api.Response response = api.post("/proxies/db", "{\"upstream\":\"127.0.0.1:1\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"upstream\":\"127.0.0.1:1\"", "\"enabled\":true");
    }

    @Test
    void patchProxyOntoAPortInUseAnswers500AndLeavesItDisabled() throws IOException {
        api.createProxy("db", upstream.address());
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            Api.Response response = api.patch("/proxies/db", "{\"listen\":\"127.0.0.1:" + port + "\"}");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).isEqualTo(error("listen tcp 127.0.0.1:" + port + ": bind: address already in use", 500));
            assertThat(api.get("/proxies/db").body()).contains("\"enabled\":false");
        }
    }

    @Test
    void updateUnknownProxyAnswers404() {
        Api.Response response = api.patch("/proxies/nope", "{\"enabled\":false}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(error("proxy not found", 404));
    }

    @Test
    void updateProxyWithInvalidJsonAnswers400() {
        api.createProxy("db", upstream.address());

        Api.Response response = api.patch("/proxies/db", "[1,2");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"bad request body: ");
    }

    @Test
    void deleteProxyAnswers204AndStopsListening() {
        int port = api.createProxy("db", upstream.address());

        Api.Response response = api.delete("/proxies/db");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(api.get("/proxies/db").status()).isEqualTo(404);
        assertThatThrownBy(() -> Clients.connect(port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void deleteUnknownProxyAnswers404() {
        Api.Response response = api.delete("/proxies/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(error("proxy not found", 404));
    }

    @Test
    void populateCreatesTheProxiesAndAnswers201WithThem() throws IOException {
        int port = freePort();

        Api.Response response = api.post("/populate", "[{\"name\":\"db\",\"listen\":\"127.0.0.1:" + port
                + "\",\"upstream\":\"" + upstream.address() + "\"}]");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"proxies\":[{\"name\":\"db\",\"listen\":\"127.0.0.1:" + port
                + "\",\"upstream\":\"" + upstream.address() + "\",\"enabled\":true,\"toxics\":[]}]}");
        try (Socket socket = Clients.connect(port)) {
            assertThat(Clients.roundTripNanos(socket, "ping".getBytes())).isPositive();
        }
    }

    @Test
    void populateKeepsAnIdenticalProxyWithItsToxicsAndReplacesAChangedOne() {
        int port = freePort();
        String db = "{\"name\":\"db\",\"listen\":\"127.0.0.1:" + port + "\",\"upstream\":\"" + upstream.address() + "\"}";
        api.post("/populate", "[" + db + "]");
        api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":5}}");

        api.post("/populate", "[" + db + "]");
        assertThat(api.get("/proxies/db/toxics").body()).contains("latency_downstream");

        api.post("/populate", "[" + db.replace(upstream.address(), "127.0.0.1:1") + "]");
        assertThat(api.get("/proxies/db").body()).contains("\"upstream\":\"127.0.0.1:1\"", "\"toxics\":[]");
    }

    @Test
    void populateWithAnEmptyListAnswers201WithNullProxiesAsToxiproxyDoes() {
        Api.Response response = api.post("/populate", "[]");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"proxies\":null}");
    }

    @Test
    void populateWithAMissingUpstreamAnswers400NamingTheProxyAndCreatesNothing() {
        Api.Response response = api.post("/populate", "[{\"name\":\"a\",\"upstream\":\"" + upstream.address()
                + "\",\"listen\":\"127.0.0.1:0\"},{\"name\":\"b\",\"listen\":\"127.0.0.1:0\"}]");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(
                "{\"error\":\"missing required field: upstream at proxy 2\",\"status\":400,\"proxies\":null}");
        assertThat(api.get("/proxies").body()).isEqualTo("{}");
    }

    @Test
    void populateWithInvalidJsonAnswers400() {
        Api.Response response = api.post("/populate", "{\"name\":\"a\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"bad request body: ").endsWith("\"status\":400,\"proxies\":null}");
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() {
        api.createProxy("db", upstream.address());
        api.patch("/proxies/db", "{\"enabled\":false}");
        api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":5}}");

        Api.Response response = api.post("/reset", null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(api.get("/proxies/db").body()).contains("\"enabled\":true", "\"toxics\":[]");
    }

    @Test
    void unknownPathAnswers404AsPlainText() {
        Api.Response response = api.get("/nothing/here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("404 page not found\n");
    }

    @Test
    void knownPathWithTheWrongMethodAnswers405() {
        assertThat(api.send("PUT", "/proxies", "{}").status()).isEqualTo(405);
        assertThat(api.post("/version", "{}").status()).isEqualTo(405);
    }

    @Test
    void browsersAreRefusedWith403() {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.apiUrl() + "/proxies"))
                .header("User-Agent", "Mozilla/5.0").build();
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("User agent not allowed\n");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free port", e);
        }
    }
}
