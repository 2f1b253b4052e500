package dev.faultline.agents;

/** The broker cannot be reached or did not confirm in time; worth retrying. */
final class BrokerUnavailableException extends Exception {
    BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
