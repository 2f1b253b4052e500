package dev.faultline.engine.yaml;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario or topology did not validate; nothing was started. Holds every problem found in the pass, and its
 * message lists them, one per line, in the form {@code file:line:column path: message}.
 */
public final class InvalidScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public InvalidScenarioException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidScenarioException(Problem problem) {
        this(List.of(problem));
    }

    /** Every problem found, in file order (then line, then column). */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidScenarioException needs at least one problem, but had none");
        }
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
