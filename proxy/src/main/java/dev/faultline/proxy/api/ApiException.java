package dev.faultline.proxy.api;

/**
 * An API request that failed, answered as {@code {"error": message, "status": status}} — Toxiproxy's
 * error shape. The factories carry Toxiproxy's exact texts and status codes.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    /** The longest message sent back; it may quote what the client sent. */
    static final int MAX_MESSAGE_LENGTH = 300;

    /** {@code message} is cut to {@link #MAX_MESSAGE_LENGTH} characters, control characters shown as {@code ?}. */
    public ApiException(int status, String message) {
        super(clean(message));
        this.status = status;
    }

    private static String clean(String message) {
        String text = String.valueOf(message);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_MESSAGE_LENGTH + 3));
        for (int i = 0; i < text.length() && i < MAX_MESSAGE_LENGTH; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        if (text.length() > MAX_MESSAGE_LENGTH) {
            out.append("...");
        }
        return out.toString();
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

    /** A limit of {@link dev.faultline.proxy.core.Limits} would be passed: 409, naming the flag that sets it. */
    public static ApiException limitReached(String what, int limit, String flag) {
        return new ApiException(409, what + " limit reached: " + limit + " exist (" + flag + ")");
    }

    public static ApiException toxicNotFound() {
        return new ApiException(404, "toxic not found");
    }

    /** An error Toxiproxy reports without a status of its own (e.g. a failed listen): 500. */
    public static ApiException internal(String message) {
        return new ApiException(500, message);
    }
}
