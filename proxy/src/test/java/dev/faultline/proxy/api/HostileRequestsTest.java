package dev.faultline.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.support.Api;
import dev.faultline.proxy.support.ProxyServerTest;
import dev.faultline.proxy.support.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13: every bad request answers a 4xx with a JSON {@code error} saying what was wrong (never a 500, never a
 * closed connection), and stores nothing: {@code GET /proxies} answers 200 and the same as before.
 */
class HostileRequestsTest extends ProxyServerTest {
    private String before;

    @BeforeEach
    void givenAProxyWithAToxic() {
        api.createProxy("db", "127.0.0.1:9");
        api.addToxic("db", "{\"name\":\"lag\",\"type\":\"latency\",\"attributes\":{\"latency\":10}}");
        before = api.get("/proxies").body();
    }

    private void assertNothingStored() {
        Api.Response after = api.get("/proxies");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(before);
    }

    static Stream<Arguments> badBodies() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        return Stream.of(
                // numbers out of range
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"toxicity\":1e50}", 400,
                        "toxicity: expected a probability within 0..1 but was 1.0E50"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"toxicity\":-0.5}", 400, "toxicity: expected a probability"),
                Arguments.of("POST", "/proxies/db/toxics/lag", "{\"toxicity\":1e50}", 400, "toxicity: expected a probability"),
                Arguments.of("PATCH", "/proxies/db/toxics/lag", "{\"attributes\":{\"latency\":-5}}", 400, "attributes.latency"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":9223372036854775807}}", 400,
                        "attributes.latency: expected a number of milliseconds within 0..86400000"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"jitter\":99999999999999999999999}}", 400,
                        "attributes.jitter: expected an integer"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"bandwidth\",\"attributes\":{\"rate\":1000000000000}}", 400, "attributes.rate"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"limit_data\",\"attributes\":{\"bytes\":2000000000000000000}}", 400, "attributes.bytes"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"slicer\",\"attributes\":{\"delay\":1e3}}", 400, "attributes.delay: expected an integer"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"corrupt\",\"attributes\":{\"rate\":1e400}}", 400, "attributes.rate"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"toxicity\":\"1\"}", 400, "toxicity: expected a number"),
                // toxic types, streams, names
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"nuke\"}", 400, "invalid toxic type"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}", 400, "stream was invalid"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"name\":\"lag\"}", 409, "toxic already exists"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"name\":\"a/b\"}", 400, "name: expected 1 to 128 printable"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"name\":\"" + "n".repeat(129) + "\"}", 400, "name: expected 1 to 128"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"name\":\"bell\\u0007\"}", 400, "but was 'bell?'"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"clients\":[" + "\"10.0.0.1\",".repeat(70) + "\"10.0.0.2\"]}", 400,
                        "clients: expected at most 64 entries"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"clients\":[\"not a host!\"]}", 400, "clients[0]"),
                // proxies
                Arguments.of("POST", "/proxies", "{\"name\":\"db\",\"upstream\":\"127.0.0.1:9\"}", 409, "proxy already exists"),
                Arguments.of("POST", "/proxies", "{\"name\":\"has space\",\"upstream\":\"127.0.0.1:9\"}", 400, "name: expected"),
                Arguments.of("POST", "/proxies", "{\"name\":\"x\",\"listen\":\"nohost\",\"upstream\":\"127.0.0.1:9\"}", 400,
                        "listen: expected host:port but was 'nohost'"),
                Arguments.of("POST", "/proxies", "{\"name\":\"x\",\"listen\":\"127.0.0.1:70000\",\"upstream\":\"127.0.0.1:9\"}", 400, "listen: expected host:port"),
                Arguments.of("POST", "/proxies", "{\"name\":\"x\",\"listen\":\"bad host:1\",\"upstream\":\"127.0.0.1:9\"}", 400, "listen: expected an IP address or host name"),
                Arguments.of("POST", "/proxies", "{\"name\":\"x\",\"upstream\":\"redis:0\"}", 400, "upstream: expected a port within 1..65535"),
                Arguments.of("POST", "/proxies", "{\"name\":\"x\",\"upstream\":\":6379\"}", 400, "upstream: expected an IP address or host name"),
                Arguments.of("POST", "/proxies", "{\"name\":\"x\",\"upstream\":\"" + "a".repeat(300) + ":1\"}", 400, "upstream: expected an IP address"),
                Arguments.of("PATCH", "/proxies/db", "{\"upstream\":\"nope\"}", 400, "upstream: expected host:port"),
                Arguments.of("POST", "/populate", "[{\"name\":\"ok\",\"upstream\":\"127.0.0.1:9\"},{\"name\":\"b/d\",\"upstream\":\"127.0.0.1:9\"}]", 400,
                        "name at proxy 2: expected"),
                Arguments.of("POST", "/populate", "{\"name\":\"ok\"}", 400, "expected a JSON array of proxies"),
                // JSON itself
                Arguments.of("POST", "/proxies", "{", 400, "bad request body: "),
                Arguments.of("POST", "/proxies", deep, 400, "JSON beyond this server's limits (nesting depth 16"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(41), 400,
                        "nesting depth"),
                Arguments.of("POST", "/proxies", "{\"name\":\"x\",\"upstream\":\"127.0.0.1:9\"} trailing", 400, "bad request body: "),
                Arguments.of("POST", "/proxies", "{\"name\":\"x\",\"name\":\"y\",\"upstream\":\"127.0.0.1:9\"}", 400, "Duplicate field 'name'"),
                Arguments.of("POST", "/proxies", "{\"name\":\"" + "x".repeat(20_000) + "\"}", 400, "strings of 16384 characters"),
                Arguments.of("POST", "/proxies/db/toxics", "{\"type\":\"latency\",\"toxicity\":" + "1".repeat(100) + "}", 400, "numbers of 64 digits"),
                Arguments.of("POST", "/proxies", "", 400, "bad request body: EOF"),
                Arguments.of("POST", "/proxies", "[]", 400, "expected a proxy as a JSON object but was array"),
                // methods and paths
                Arguments.of("PUT", "/proxies", "{}", 405, ""),
                Arguments.of("DELETE", "/version", null, 405, ""),
                Arguments.of("GET", "/proxies/nope", null, 404, "proxy not found"),
                Arguments.of("GET", "/proxies/db/toxics/nope", null, 404, "toxic not found"),
                Arguments.of("GET", "/nowhere", null, 404, "404 page not found"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("badBodies")
    void aBadRequestAnswersA4xxSayingWhyAndStoresNothing(String method, String path, String body, int status, String message) {
        Api.Response response = api.send(method, path, body);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body()).contains(message);
        if (status != 405 && !path.equals("/nowhere")) {
            assertThat(response.contentType()).isEqualTo("application/json");
            assertThat(response.body()).contains("\"status\":" + status);
        }
        assertNothingStored();
    }

    static Stream<Arguments> badHttp() {
        String big = "x".repeat(2 * 1024 * 1024);
        return Stream.of(
                Arguments.of("GET /proxies/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad request path: invalid percent-encoding"),
                Arguments.of("GET /proxies/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid percent-encoding"),
                Arguments.of("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414, "request line longer than 4096 bytes"),
                Arguments.of("GET /version HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n", 431,
                        "request headers larger than 8192 bytes"),
                Arguments.of("HELLO\r\n\r\n", 400, "malformed HTTP request"),
                Arguments.of("POST /proxies HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}", 400, "malformed HTTP request"),
                Arguments.of("POST /proxies HTTP/1.1\r\nHost: x\r\nContent-Length: " + big.length() + "\r\n\r\n" + big, 413,
                        "request body larger than 1048576 bytes"),
                Arguments.of("POST /proxies HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + (Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n"), 413, "request body larger than"),
                Arguments.of("POST /proxies HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"nam\r\n0\r\n\r\n", 400,
                        "bad request body: "),
                Arguments.of("POST /proxies HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n\"\u00ff\u00fe\"",
                        400, "bad request body: "));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("badHttp")
    void malformedHttpAnswersA4xxInJsonAndStoresNothing(String request, int status, String message) throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(server.apiAddress().getPort(), request.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.status()).as("answer: %s", answer).isEqualTo(status);
        assertThat(answer.body()).contains(message).contains("\"status\":" + status);
        assertNothingStored();
    }

    @Test
    void aFailedPopulateCreatesNoneOfItsProxies() {
        api.post("/populate", "[{\"name\":\"first\",\"upstream\":\"127.0.0.1:9\"},{\"name\":\"second\",\"upstream\":\"nope\"}]");

        assertThat(api.get("/proxies/first").status()).isEqualTo(404);
        assertNothingStored();
    }
}
