package dev.faultline.proxy.api;

/**
 * An API request that failed, answered as {@code {"error": message, "status": status}} — Toxiproxy's
 * error shape. The factories carry Toxiproxy's exact texts and status codes.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequestBody(String detail) {
        return new ApiException(400, "bad request body: " + detail);
    }

    public static ApiException missingField(String field) {
        return new ApiException(400, "missing required field: " + field);
    }

    public static ApiException proxyNotFound() {
        return new ApiException(404, "proxy not found");
    }

    public static ApiException proxyAlreadyExists() {
        return new ApiException(409, "proxy already exists");
    }

    public static ApiException invalidStream() {
        return new ApiException(400, "stream was invalid, can be either upstream or downstream");
    }

    public static ApiException invalidToxicType() {
        return new ApiException(400, "invalid toxic type");
    }

    public static ApiException toxicAlreadyExists() {
        return new ApiException(409, "toxic already exists");
    }

    public static ApiException toxicNotFound() {
        return new ApiException(404, "toxic not found");
    }

    /** An error Toxiproxy reports without a status of its own (e.g. a failed listen): 500. */
    public static ApiException internal(String message) {
        return new ApiException(500, message);
    }
}
