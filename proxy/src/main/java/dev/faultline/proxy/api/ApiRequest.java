package dev.faultline.proxy.api;

import java.util.List;

/** An HTTP request as the API sees it: method, decoded path segments, body, user agent. */
public record ApiRequest(String method, List<String> path, byte[] body, String userAgent) {
    public ApiRequest {
        path = List.copyOf(path);
    }
}
