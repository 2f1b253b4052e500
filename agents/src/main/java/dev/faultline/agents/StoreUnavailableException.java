package dev.faultline.agents;

/** The store cannot be reached right now (refused, unresolvable, timed out, shutting down); worth retrying. */
final class StoreUnavailableException extends Exception {
    StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
