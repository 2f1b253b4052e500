package dev.faultline.engine.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.model.HealthCheck;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.runtime.RunningTopology;

/** What the {@link Supervisor} asks an instance to tell whether it is back. */
interface InstanceChecks {
    /** Its health endpoint answers 2xx now; for a service without one, its container runs. */
    boolean healthy(String instance);

    /** Its state endpoint's JSON answer holds a {@code restoredFrom} that is not null. */
    boolean restored(String instance);

    /** The checks over HTTP on 127.0.0.1, at the instance's published ports. */
    static InstanceChecks http(RunningTopology runtime) {
        return new Http(runtime);
    }

    /** One request at a time, each bounded by {@link #TIMEOUT}; any failure is a no. */
    final class Http implements InstanceChecks {
        static final Duration TIMEOUT = Duration.ofMillis(500);
        private static final ObjectMapper JSON = new ObjectMapper();
        private final RunningTopology runtime;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT).build();

        private Http(RunningTopology runtime) {
            this.runtime = runtime;
        }

        @Override
        public boolean healthy(String instance) {
            ServiceSpec service = runtime.serviceOf(instance);
            if (service.health() == null) {
                return runtime.control().isRunning(instance);
            }
            HttpResponse<String> answer = get(instance, service.health());
            return answer != null && answer.statusCode() >= 200 && answer.statusCode() < 300;
        }

        @Override
        public boolean restored(String instance) {
            HealthCheck state = runtime.serviceOf(instance).state();
            HttpResponse<String> answer = state == null ? null : get(instance, state);
            if (answer == null || answer.statusCode() != 200) {
                return false;
            }
            try {
                JsonNode restoredFrom = JSON.readTree(answer.body()).path("restoredFrom");
                return !restoredFrom.isMissingNode() && !restoredFrom.isNull();
            } catch (IOException e) {
                return false;
            }
        }

        private HttpResponse<String> get(String instance, HealthCheck endpoint) {
            try {
                int port = runtime.hostPort(instance, endpoint.port());
                if (port < 0) {
                    return null;
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + endpoint.path()))
                        .timeout(TIMEOUT).GET().build();
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException | RuntimeException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
