package dev.faultline.proxy;

/** A command line that cannot be run; the message says which argument is wrong and how. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
