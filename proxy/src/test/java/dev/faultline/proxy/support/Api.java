package dev.faultline.proxy.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP access to the API, for the calls the Java client cannot make (PATCH, /populate, errors). */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, String body, String contentType) {
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Response patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " " + path + " interrupted", e);
        }
    }

    /** Creates a proxy on 127.0.0.1 (free port) to {@code upstream}; returns its listen port. */
    public int createProxy(String name, String upstream) {
        Response response = post("/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + upstream + "\"}");
        if (response.status() != 201) {
            throw new AssertionError("creating proxy " + name + ": expected 201 but was " + response);
        }
        String listen = response.body().replaceAll(".*\"listen\":\"[^\"]*:(\\d+)\".*", "$1");
        return Integer.parseInt(listen);
    }

    public void addToxic(String proxy, String json) {
        Response response = post("/proxies/" + proxy + "/toxics", json);
        if (response.status() != 200) {
            throw new AssertionError("adding toxic " + json + " to " + proxy + ": expected 200 but was " + response);
        }
    }

    public void removeToxic(String proxy, String toxic) {
        Response response = delete("/proxies/" + proxy + "/toxics/" + toxic);
        if (response.status() != 204) {
            throw new AssertionError("removing toxic " + toxic + " from " + proxy + ": expected 204 but was " + response);
        }
    }
}
