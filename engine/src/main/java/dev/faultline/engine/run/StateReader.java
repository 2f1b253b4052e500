package dev.faultline.engine.run;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.runtime.RunningTopology;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Asks every instance of every service that declares a {@code state} endpoint for its own view of the work (the
 * {@code ledger} object of its JSON answer). After recovery each answer is recorded on the timeline as a
 * {@link TimelineEvent.StateReport}; during the drain the answers tell whether the system still holds work
 * ({@link DrainRule}). All instances are asked at once; each has a timeout to answer.
 */
final class StateReader {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningTopology runtime;
    private final Timeline timeline;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * One instance's answer at {@code t} (timeline ms): its {@code ledger} object, or why there is none (then
     * {@code ledger} is null).
     */
    record Answer(long t, String instance, JsonNode ledger, String error) {
        static Answer failed(long t, String instance, String why) {
            return new Answer(t, instance, null, why);
        }
    }

    StateReader(RunningTopology runtime, Timeline timeline) {
        this.runtime = runtime;
        this.timeline = timeline;
    }

    /** Asks every instance that has a state endpoint and records each answer; returns when each was recorded. */
    void readAll() {
        for (Answer answer : askAll(TIMEOUT)) {
            timeline.record(report(answer));
        }
    }

    /** Asks every instance that has a state endpoint at once; returns when each answered, failed or timed out. */
    List<Answer> askAll(Duration timeout) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (ServiceSpec service : runtime.topology().services().values()) {
            if (service.state() == null) {
                continue;
            }
            for (String instance : runtime.serving(service.name())) { // a retired (scaled-down) one has nothing to say
                answers.add(ask(instance, service.state().port(), service.state().path(), timeout));
            }
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Answer> ask(String instance, int port, String path, Duration timeout) {
        int hostPort;
        try {
            hostPort = runtime.hostPort(instance, port);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Answer.failed(timeline.now(), instance, e.getMessage()));
        }
        if (hostPort < 0) {
            return CompletableFuture.completedFuture(Answer.failed(timeline.now(), instance, "not running"));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + path))
                .timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                return Answer.failed(timeline.now(), instance, cause.toString());
            }
            if (response.statusCode() != 200) {
                return Answer.failed(timeline.now(), instance, "status " + response.statusCode());
            }
            return parse(timeline.now(), instance, response.body());
        });
    }

    /** The answer's {@code ledger} object; an error when there is none. */
    static Answer parse(long t, String instance, String body) {
        JsonNode ledger;
        try {
            ledger = JSON.readTree(body).path("ledger");
        } catch (java.io.IOException e) {
            return Answer.failed(t, instance, "not JSON: " + e.getMessage());
        }
        if (!ledger.isObject()) {
            return Answer.failed(t, instance, "the answer has no \"ledger\" object");
        }
        return new Answer(t, instance, ledger, null);
    }

    /** The whole numbers of an answer's {@code ledger} object, as recorded on the timeline. */
    private TimelineEvent.StateReport report(Answer answer) {
        if (answer.error() != null) {
            return new TimelineEvent.StateReport(answer.t(), answer.instance(), Map.of(), answer.error());
        }
        Map<String, Long> figures = new LinkedHashMap<>();
        answer.ledger().fields().forEachRemaining(e -> {
            if (e.getValue().canConvertToLong() && e.getValue().isIntegralNumber()) {
                figures.put(e.getKey(), e.getValue().longValue());
            }
        });
        return new TimelineEvent.StateReport(answer.t(), answer.instance(), figures, null);
    }
}
