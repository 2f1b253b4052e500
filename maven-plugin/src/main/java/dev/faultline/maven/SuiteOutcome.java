package dev.faultline.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.run.Verdict;

/**
 * What a recorded suite came to, in words: its verdict from the CLI's exit code, and each scenario that did not pass
 * with its verdict, its reason and its violated objectives, read from its {@code result.json}. Every message
 * {@code faultline:run} and {@code faultline:verify} fail with is made here.
 */
final class SuiteOutcome {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SuiteOutcome() {
    }

    /** {@code PASSED}, {@code FAILED}, {@code ABORTED}, {@code ERROR}, {@code INVALID} or {@code EXIT <n>}. */
    static String name(int exitCode) {
        if (exitCode == Verdict.INVALID_INPUT_EXIT) {
            return "INVALID";
        }
        return verdict(exitCode).map(Verdict::name).orElse("EXIT " + exitCode);
    }

    static Optional<Verdict> verdict(int exitCode) {
        return Arrays.stream(Verdict.values()).filter(v -> v.exitCode() == exitCode).findFirst();
    }

    /** The first line of a failure: what the exit code means. */
    static String headline(int exitCode) {
        if (exitCode == Verdict.INVALID_INPUT_EXIT) {
            return "Faultline scenarios are invalid (exit 2): nothing was started";
        }
        Optional<Verdict> verdict = verdict(exitCode);
        if (verdict.isEmpty()) {
            return "the Faultline CLI ended with exit code " + exitCode + ", none of its own (0 to 4): it was killed or"
                    + " could not start (see the output of faultline:run)";
        }
        String meaning = switch (verdict.get()) {
            case PASSED -> "every objective met";
            case FAILED -> "an objective was violated";
            case ABORTED -> "a run was aborted: its steady state never held before the faults, a halt-when condition"
                    + " fired, or it was interrupted";
            case ERROR -> "the harness could not do its job (see the output of faultline:run)";
        };
        return "Faultline suite " + verdict.get() + " (exit " + exitCode + "): " + meaning;
    }

    /** Why {@code faultline:verify} fails the build for {@code record}, whose exit code is not 0. */
    static String failure(RunRecord record) {
        List<String> lines = new ArrayList<>();
        lines.add(headline(record.exitCode()));
        if (record.timeoutSeconds() != null) {
            lines.add("it was stopped after its timeout of " + record.timeoutSeconds() + " s (faultline.timeout)");
        }
        List<String> notPassed = new ArrayList<>();
        for (Path folder : record.results()) {
            notPassed.addAll(notPassed(folder));
        }
        if (notPassed.isEmpty()) {
            lines.add("no result.json of this run names a scenario that did not pass (see the output of faultline:run)");
        } else {
            lines.add(notPassed.stream().filter(l -> !l.startsWith(" ")).count() + " of " + record.results().size()
                    + " scenario(s) did not pass:");
            lines.addAll(notPassed);
        }
        if (!record.errors().isEmpty()) {
            lines.add("the CLI's last lines on stderr:");
            record.errors().forEach(e -> lines.add("  " + e));
        }
        return String.join("\n", lines);
    }

    /** A scenario's lines when its run did not pass, none when it did. */
    private static List<String> notPassed(Path folder) {
        JsonNode result;
        try {
            result = JSON.readTree(folder.resolve("result.json").toFile());
        } catch (IOException e) {
            return List.of("- " + folder + ": its result.json cannot be read: " + e.getMessage());
        }
        String verdict = result.path("verdict").asText("?");
        if (verdict.equals(Verdict.PASSED.name())) {
            return List.of();
        }
        List<String> violated = new ArrayList<>();
        result.path("objectives").forEach(o -> {
            if (!o.path("met").asBoolean(true)) {
                violated.add(o.path("name").asText());
            }
        });
        List<String> lines = new ArrayList<>();
        lines.add("- " + result.path("scenario").asText(folder.getFileName().toString()) + ": " + verdict + ": "
                + result.path("reason").asText(""));
        if (!violated.isEmpty()) {
            lines.add("    violated objective(s): " + String.join(", ", violated));
        }
        lines.add("    results: " + folder);
        return lines;
    }
}
