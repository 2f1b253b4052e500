package dev.faultline.agents;

import java.util.List;

/** Every problem found in the environment at once, each naming the variable, what was expected and what was found. */
final class InvalidConfigException extends Exception {
    private final List<String> problems;

    InvalidConfigException(List<String> problems) {
        super("invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
