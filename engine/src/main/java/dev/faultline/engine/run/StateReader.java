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
 * After recovery, asks every instance of every service that declares a {@code state} endpoint for its own view of
 * the work (the {@code ledger} object of its JSON answer) and records each answer on the timeline as a
 * {@link TimelineEvent.StateReport}. All instances are asked at once; each has {@link #TIMEOUT} to answer.
 */
final class StateReader {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningTopology runtime;
    private final Timeline timeline;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    StateReader(RunningTopology runtime, Timeline timeline) {
        this.runtime = runtime;
        this.timeline = timeline;
    }

    /** Asks every instance that has a state endpoint; returns when each answered, failed or timed out. */
    void readAll() {
        List<CompletableFuture<TimelineEvent.StateReport>> reports = new ArrayList<>();
        for (ServiceSpec service : runtime.topology().services().values()) {
            if (service.state() == null) {
                continue;
            }
            for (String instance : service.instanceNames()) {
                reports.add(read(instance, service.state().port(), service.state().path()));
            }
        }
        for (CompletableFuture<TimelineEvent.StateReport> report : reports) {
            timeline.record(report.join());
        }
    }

    private CompletableFuture<TimelineEvent.StateReport> read(String instance, int port, String path) {
        int hostPort;
        try {
            hostPort = runtime.hostPort(instance, port);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(instance, e.getMessage()));
        }
        if (hostPort < 0) {
            return CompletableFuture.completedFuture(failed(instance, "not running"));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + path))
                .timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                return failed(instance, cause.toString());
            }
            if (response.statusCode() != 200) {
                return failed(instance, "status " + response.statusCode());
            }
            return parse(instance, response.body());
        });
    }

    /** The whole numbers of the answer's {@code ledger} object; an error when there is none. */
    TimelineEvent.StateReport parse(String instance, String body) {
        JsonNode ledger;
        try {
            ledger = JSON.readTree(body).path("ledger");
        } catch (java.io.IOException e) {
            return failed(instance, "not JSON: " + e.getMessage());
        }
        if (!ledger.isObject()) {
            return failed(instance, "the answer has no \"ledger\" object");
        }
        Map<String, Long> figures = new LinkedHashMap<>();
        ledger.fields().forEachRemaining(e -> {
            if (e.getValue().canConvertToLong() && e.getValue().isIntegralNumber()) {
                figures.put(e.getKey(), e.getValue().longValue());
            }
        });
        return new TimelineEvent.StateReport(timeline.now(), instance, figures, null);
    }

    private TimelineEvent.StateReport failed(String instance, String why) {
        return new TimelineEvent.StateReport(timeline.now(), instance, Map.of(), why);
    }
}
