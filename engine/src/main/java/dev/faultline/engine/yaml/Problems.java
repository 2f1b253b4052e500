package dev.faultline.engine.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The problems found in one loading pass; not thread-safe, one per pass. */
final class Problems {
    private final List<Problem> problems = new ArrayList<>();

    void add(Problem problem) {
        problems.add(problem);
    }

    void addAll(InvalidScenarioException e) {
        problems.addAll(e.problems());
    }

    int count() {
        return problems.size();
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Runs a check; on an {@link InvalidScenarioException} records its problems and returns {@code null}. */
    <T> T attempt(Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidScenarioException e) {
            addAll(e);
            return null;
        }
    }

    void attempt(Runnable check) {
        try {
            check.run();
        } catch (InvalidScenarioException e) {
            addAll(e);
        }
    }

    /**
     * Calls a model constructor; an {@link IllegalArgumentException} (a check the model makes) becomes a problem at
     * {@code section}, and {@code null} is returned.
     */
    <T> T build(YamlParams section, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            add(Problem.at(section.file(), section.location(), section.path(), e.getMessage()));
            return null;
        }
    }

    /** Throws every problem, without repeats, by file (in the order files were first seen), line and column. */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        Map<String, Integer> fileOrder = new LinkedHashMap<>();
        for (Problem p : problems) {
            fileOrder.putIfAbsent(p.file(), fileOrder.size());
        }
        List<Problem> sorted = new ArrayList<>(new LinkedHashSet<>(problems));
        sorted.sort(Comparator.<Problem>comparingInt(p -> fileOrder.get(p.file()))
                .thenComparingInt(Problem::line)
                .thenComparingInt(Problem::column));
        throw new InvalidScenarioException(sorted);
    }
}
