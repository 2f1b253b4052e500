package dev.faultline.proxy.api;

import java.nio.charset.StandardCharsets;

/** A finished answer: status, content type (null for none) and body bytes. */
public record ApiResponse(int status, String contentType, byte[] body) {
    static final String JSON = "application/json";

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, JSON, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, new byte[0]);
    }

    /** Toxiproxy's error body: {@code {"error":"...","status":N}} and a newline (Go's http.Error adds it). */
    public static ApiResponse error(ApiException e) {
        byte[] json = JsonOutput.error(e.getMessage(), e.status());
        byte[] body = new byte[json.length + 1];
        System.arraycopy(json, 0, body, 0, json.length);
        body[json.length] = '\n';
        return new ApiResponse(e.status(), JSON, body);
    }

    public static ApiResponse text(int status, String text) {
        return new ApiResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
