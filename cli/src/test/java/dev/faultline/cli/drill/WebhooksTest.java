package dev.faultline.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.run.Verdict;

class WebhooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-03T09:00:05Z");
    private static final DrillEvent.Started STARTED = new DrillEvent.Started("monthly-game-day", 42, AT,
            Instant.parse("2026-11-03T09:00:00Z"), List.of("worker-crash", "broker-pause"));
    private static final DrillEvent.ScenarioVerdict VERDICT = new DrillEvent.ScenarioVerdict("monthly-game-day", 42,
            AT.plusSeconds(60), "worker-crash", Verdict.FAILED, "rto: 5.1s over 3s",
            DrillEvent.ScenarioVerdict.figures(Map.of(TrendFigure.RTO, 5100L, TrendFigure.LOST, 0L)),
            "reports/worker-crash-1");
    private static final DrillEvent.Ended ENDED = new DrillEvent.Ended("monthly-game-day", 42, AT.plusSeconds(120),
            Verdict.FAILED, "a regression bound broke",
            List.of("worker-crash rto 5.1s grew over 2.4s (median 2s of drill runs 40, 41 + 20%)"));

    /** What the server was sent, in arrival order. */
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowReached = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private ExecutorService handlers;
    private HttpServer server;

    record Received(String path, String method, String contentType, JsonNode body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/hook", exchange -> answer(exchange, 204));
        server.createContext("/second", exchange -> answer(exchange, 200));
        server.createContext("/elsewhere", exchange -> answer(exchange, 200));
        server.createContext("/fail", exchange -> answer(exchange, 500));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/elsewhere").toString());
            answer(exchange, 302);
        });
        server.createContext("/slow", exchange -> {
            slowReached.countDown();
            try {
                // slower than the timeout: answers only when the test is over
                releaseSlow.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200);
        });
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseSlow.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void startedIsPostedAsJsonWithItsFields() throws Exception {
        Webhooks webhooks = new Webhooks(List.of(url("/hook")), log);

        webhooks.send(STARTED);

        assertThat(received).hasSize(1);
        Received got = received.get(0);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.contentType()).isEqualTo("application/json");
        assertThat(got.body()).isEqualTo(JSON.readTree("""
                {"event": "drill-started", "at": "2026-11-03T09:00:05Z", "drill": "monthly-game-day",
                 "drillRunId": 42, "scheduledFor": "2026-11-03T09:00:00Z",
                 "scenarios": ["worker-crash", "broker-pause"]}"""));
        assertThat(logText()).isEmpty();
    }

    @Test
    void aDrillRunByHandIsStartedWithANullScheduledFor() {
        Webhooks webhooks = new Webhooks(List.of(url("/hook")), log);

        webhooks.send(new DrillEvent.Started("monthly-game-day", 43, AT, null, List.of("worker-crash")));

        JsonNode body = received.get(0).body();
        assertThat(body.has("scheduledFor")).isTrue();
        assertThat(body.get("scheduledFor").isNull()).isTrue();
    }

    @Test
    void aScenarioVerdictCarriesVerdictReasonFiguresAndReportFolder() throws Exception {
        Webhooks webhooks = new Webhooks(List.of(url("/hook")), log);

        webhooks.send(VERDICT);

        assertThat(received.get(0).body()).isEqualTo(JSON.readTree("""
                {"event": "scenario-verdict", "at": "2026-11-03T09:01:05Z", "drill": "monthly-game-day",
                 "drillRunId": 42, "scenario": "worker-crash", "verdict": "FAILED", "reason": "rto: 5.1s over 3s",
                 "figures": {"rto": 5100, "rpo": null, "lost": 0, "duplicated": null, "p99-latency": null},
                 "reportDir": "reports/worker-crash-1"}"""));
    }

    @Test
    void endedCarriesTheVerdictAndTheBrokenRegressionBounds() throws Exception {
        Webhooks webhooks = new Webhooks(List.of(url("/hook")), log);

        webhooks.send(ENDED);

        assertThat(received.get(0).body()).isEqualTo(JSON.readTree("""
                {"event": "drill-ended", "at": "2026-11-03T09:02:05Z", "drill": "monthly-game-day",
                 "drillRunId": 42, "verdict": "FAILED", "reason": "a regression bound broke",
                 "regressionProblems": ["worker-crash rto 5.1s grew over 2.4s (median 2s of drill runs 40, 41 + 20%)"]}
                """));
    }

    @Test
    void eachEventReachesEveryUrlInListOrderBeforeTheNextEvent() {
        Webhooks webhooks = new Webhooks(List.of(url("/second"), url("/hook")), log);

        webhooks.send(STARTED);
        webhooks.send(VERDICT);
        webhooks.send(ENDED);

        List<String> seen = new ArrayList<>();
        for (Received got : received) {
            seen.add(got.path() + " " + got.body().get("event").asText());
        }
        assertThat(seen).containsExactly(
                "/second drill-started", "/hook drill-started",
                "/second scenario-verdict", "/hook scenario-verdict",
                "/second drill-ended", "/hook drill-ended");
    }

    @Test
    void anErrorAnswerIsLoggedInOneLineWithoutTheQueryAndTheNextUrlStillGetsTheEvent() {
        Webhooks webhooks = new Webhooks(List.of(url("/fail?token=s3cret"), url("/hook")), log);

        webhooks.send(STARTED);

        assertThat(logText()).isEqualTo("webhook " + url("/fail") + ": drill-started not delivered (answered HTTP 500);"
                + " the drill goes on" + System.lineSeparator());
        assertThat(received).extracting(Received::path).containsExactly("/fail", "/hook");
    }

    @Test
    void aDeadPortIsLoggedInOneLineAndTheNextUrlStillGetsTheEvent() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            deadPort = socket.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + deadPort + "/hook?key=s3cret");
        Webhooks webhooks = new Webhooks(List.of(dead, url("/hook")), log);

        webhooks.send(STARTED);

        assertThat(logText()).startsWith("webhook http://127.0.0.1:" + deadPort
                        + "/hook: drill-started not delivered (cannot connect")
                .endsWith("); the drill goes on" + System.lineSeparator())
                .doesNotContain("s3cret")
                .hasLineCount(1);
        assertThat(received).extracting(Received::path).containsExactly("/hook");
    }

    @Test
    void aServerSlowerThanTheTimeoutIsCutAtTheTimeoutAndTheNextUrlStillGetsTheEvent() throws Exception {
        Webhooks webhooks = new Webhooks(List.of(url("/slow"), url("/hook")), Duration.ofMillis(300), log);

        // the slow handler answers only after the test: without the cut, send would never return
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> webhooks.send(STARTED));

        assertThat(slowReached.await(0, TimeUnit.SECONDS)).as("the slow URL was called").isTrue();
        assertThat(logText()).isEqualTo("webhook " + url("/slow") + ": drill-started not delivered"
                + " (no answer within 300ms); the drill goes on" + System.lineSeparator());
        assertThat(received).extracting(Received::path).containsExactly("/hook");
    }

    @Test
    void aRedirectIsNotFollowedButLogged() {
        Webhooks webhooks = new Webhooks(List.of(url("/redirect")), log);

        webhooks.send(STARTED);

        assertThat(received).extracting(Received::path).containsExactly("/redirect");
        assertThat(logText()).isEqualTo("webhook " + url("/redirect") + ": drill-started not delivered"
                + " (answered HTTP 302; redirects are not followed); the drill goes on" + System.lineSeparator());
    }

    @Test
    void aLoggedUrlShowsNoUserInfoQueryOrFragment() {
        assertThat(Webhooks.shown(URI.create("https://user:pw@hooks.example.com:8443/a/b?token=s3cret#top")))
                .isEqualTo("https://hooks.example.com:8443/a/b");
    }

    @Test
    void figuresHaveEveryTrendFigureByItsYamlNameInOrder() {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("rto", 5100L);
        expected.put("rpo", null);
        expected.put("lost", 0L);
        expected.put("duplicated", null);
        expected.put("p99-latency", null);

        assertThat(DrillEvent.ScenarioVerdict.figures(Map.of(TrendFigure.RTO, 5100L, TrendFigure.LOST, 0L)))
                .containsExactlyEntriesOf(expected);
        assertThat(DrillEvent.ScenarioVerdict.figures(Map.of())).containsOnlyKeys(expected.keySet());
    }

    @Test
    void aUrlThatFailsTheCheckIsRefusedWhenTheWebhooksAreMade() {
        assertThatThrownBy(() -> new Webhooks(List.of(URI.create("ftp://files.example.com/drop")), log))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notify: expected an http or https URL but the scheme was 'ftp'");
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body.length == 0 ? null : JSON.readTree(body)));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    private String logText() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }
}
