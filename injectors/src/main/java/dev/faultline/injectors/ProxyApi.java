package dev.faultline.injectors;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.faultline.engine.spi.FaultProxy;

/**
 * The toxic part of a fault proxy's Toxiproxy-style HTTP API, for what toxiproxy-java cannot express: Faultline's
 * {@code clients} field (a toxic scoped to some client hosts), the {@code corrupt} type, and a toxic created with all
 * its attributes and toxicity in one request. Every failure (no answer, an unexpected status) is an
 * {@link IOException} naming the request and the proxy's answer.
 */
final class ProxyApi {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;

    ProxyApi(FaultProxy proxy) {
        this.base = proxy.apiUri();
    }

    /** Creates {@code toxic} as {@code name} on proxy {@code proxyName}; scoped to {@code clients} unless empty. */
    void createToxic(String proxyName, String name, Toxic toxic, List<String> clients)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("type", toxic.type());
        body.put("stream", toxic.stream().yamlName());
        body.put("toxicity", toxic.toxicity());
        ObjectNode attributes = body.putObject("attributes");
        for (Map.Entry<String, Number> a : toxic.attributes().entrySet()) {
            if (a.getValue() instanceof Double || a.getValue() instanceof Float) {
                attributes.put(a.getKey(), a.getValue().doubleValue());
            } else {
                attributes.put(a.getKey(), a.getValue().longValue());
            }
        }
        if (!clients.isEmpty()) {
            ArrayNode scope = body.putArray("clients");
            clients.forEach(scope::add);
        }
        HttpRequest request = request(toxicsPath(proxyName))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw unexpected(request, response);
        }
    }

    /** The toxics on proxy {@code proxyName}, as the proxy reports them. */
    List<ToxicState> toxics(String proxyName) throws IOException, InterruptedException {
        HttpRequest request = request(toxicsPath(proxyName)).GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw unexpected(request, response);
        }
        JsonNode array = JSON.readTree(response.body());
        if (!array.isArray()) {
            throw new IOException("GET " + request.uri() + " answered " + abbreviate(response.body())
                    + " where a JSON array of toxics was expected");
        }
        List<ToxicState> toxics = new ArrayList<>();
        for (JsonNode t : array) {
            toxics.add(ToxicState.of(t));
        }
        return toxics;
    }

    /** Deletes toxic {@code name}; false when it was not there (404: already gone, or never created). */
    boolean deleteToxic(String proxyName, String name) throws IOException, InterruptedException {
        HttpRequest request = request(toxicsPath(proxyName) + "/" + encode(name)).DELETE().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() != 204 && response.statusCode() != 200) {
            throw unexpected(request, response);
        }
        return true;
    }

    private String toxicsPath(String proxyName) {
        return "/proxies/" + encode(proxyName) + "/toxics";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(request.method() + " " + request.uri() + " failed: " + e, e);
        }
    }

    private static IOException unexpected(HttpRequest request, HttpResponse<String> response) {
        return new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                + abbreviate(response.body()));
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
