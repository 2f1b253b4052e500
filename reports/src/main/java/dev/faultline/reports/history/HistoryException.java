package dev.faultline.reports.history;

/**
 * The history could not be opened, read or written. Its message is one line that names the database (a JDBC URL
 * without its password, or the H2 file) and what failed; never a password, never a stack trace.
 */
public final class HistoryException extends Exception {
    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
