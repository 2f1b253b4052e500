package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP API of a real agent process-in-a-test whose broker and store are unreachable (no containers). */
class AgentHttpTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed again at once: connections to it are refused
        }
    }

    private void start(String role, String safeguards) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AGENT_ROLE", role);
        env.put("SAFEGUARDS", safeguards);
        env.put("BROKER_HOST", "127.0.0.1");
        env.put("BROKER_PORT", String.valueOf(closedPort()));
        env.put("STORE_HOST", "127.0.0.1");
        env.put("STORE_PORT", String.valueOf(closedPort()));
        AgentConfig c = AgentConfig.fromEnvironment(env, () -> "test-host");
        agent = Agent.start(c.withHttpPort(0));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                .timeout(Duration.ofSeconds(10));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOrchestratorIsHealthyWhileBrokerAndStoreAreDown() throws Exception {
        start("orchestrator", "on");

        HttpResponse<String> health = send("GET", "/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"role\":\"orchestrator\"}");
        assertThat(health.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void aWorkersHealthNamesTheWorker() throws Exception {
        start("worker", "on");

        assertThat(send("GET", "/health", null).body())
                .isEqualTo("{\"status\":\"UP\",\"role\":\"worker\",\"worker\":\"test-host\"}");
    }

    @Test
    void readinessSaysWhichDependencyIsDownWithin500Ms() throws Exception {
        start("worker", "on");

        long started = System.nanoTime();
        HttpResponse<String> ready = send("GET", "/ready", null);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"down\":[\"broker\",\"store\"]");
    }

    @Test
    void aSafeOrchestratorNeverAcceptsATaskItCannotStore() throws Exception {
        start("orchestrator", "on");

        HttpResponse<String> response = send("POST", "/tasks", "{\"id\": \"t-1\", \"payload\": {}}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).startsWith("{\"error\":\"store unavailable: ");
    }

    @Test
    void anUnsafeOrchestratorAcceptsATaskItCannotStore() throws Exception {
        start("orchestrator", "off");

        HttpResponse<String> response = send("POST", "/tasks", "{\"id\": \"t-1\", \"payload\": {}}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"id\":\"t-1\"}");
    }

    @Test
    void aBadTaskIsAnswered400WithTheReason() throws Exception {
        start("orchestrator", "on");

        HttpResponse<String> response = send("POST", "/tasks", "{\"id\": 7, \"payload\": {}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"id: expected a non-empty string of at most 255 bytes but was 7\"}");
    }

    @Test
    void resultsAre503WhileTheStoreIsDown() throws Exception {
        start("orchestrator", "on");

        assertThat(send("GET", "/results", null).statusCode()).isEqualTo(503);
    }

    @Test
    void anIncrementalReadOfTheResultsWithAForeignCursorIs400BeforeTheStoreIsAsked() throws Exception {
        start("orchestrator", "on");

        HttpResponse<String> bad = send("GET", "/results?after=yesterday", null);
        HttpResponse<String> good = send("GET", "/results?other=1&after=" + new ResultsCursor(5, 0), null);

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"error\":\"after: expected a cursor as a previous answer gave it (<n>.<n>)"
                + " but was 'yesterday'\"}");
        assertThat(good.statusCode()).isEqualTo(503); // a cursor taken: on to the store, which is down
    }

    @Test
    void anUnknownPathIs404AndAWrongMethodIs405() throws Exception {
        start("orchestrator", "on");

        assertThat(send("GET", "/nope", null).statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = send("DELETE", "/tasks", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void aWorkersStateCountsFromZero() throws Exception {
        start("worker", "on");

        HttpResponse<String> state = send("GET", "/state", null);

        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"processed\":0", "\"acked\":0", "\"redelivered\":0", "\"consuming\":false");
    }
}
