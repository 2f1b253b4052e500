package dev.faultline.agents;

/** A request the agent cannot act on; answered with 400 and this message. */
final class BadRequestException extends Exception {
    BadRequestException(String message) {
        super(message);
    }
}
