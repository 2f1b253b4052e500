package dev.faultline.assertions.api;

import java.util.List;
import java.util.stream.Collectors;

import org.opentest4j.MultipleFailuresError;

/**
 * Several failures thrown as one: a heading, then each failure's message on its own line, indented (a failure
 * that itself lists failures is indented once more). Unlike its parent it writes no exception class names.
 */
final class FailuresError extends MultipleFailuresError {
    private static final long serialVersionUID = 1L;
    private static final String EOL = System.lineSeparator();

    private final String heading;

    FailuresError(String heading, List<? extends Throwable> failures) {
        super(heading, failures);
        this.heading = heading;
    }

    @Override
    public String getMessage() {
        List<Throwable> failures = getFailures();
        String count = failures.size() + (failures.size() == 1 ? " failure" : " failures");
        return heading + " (" + count + ")" + failures.stream()
                .map(f -> EOL + "\t" + String.valueOf(f.getMessage()).replace(EOL, EOL + "\t"))
                .collect(Collectors.joining());
    }
}
