package dev.faultline.engine.yaml;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.faultline.engine.model.Excerpt;

/** "Did you mean" suggestions and descriptions of what was found, for error messages. */
final class Hints {
    private static final int MAX_DISTANCE = 2;

    private Hints() {
    }

    /**
     * The candidate closest to {@code input}: the same apart from case, {@code -} and {@code _}, or at most two
     * edits away (and fewer edits than the candidate has letters, so {@code x} does not suggest {@code at}).
     */
    static Optional<String> closest(String input, Collection<String> candidates) {
        String wanted = squash(input);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = squash(candidate).equals(wanted)
                    ? 0
                    : levenshtein(input.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance <= MAX_DISTANCE && distance < candidate.length() && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code unknown field; did you mean 'probes'? Expected one of sample-every, probes}. */
    static String unknown(String what, String input, Collection<String> known, String knownLabel) {
        if (known.isEmpty()) {
            return what + "; " + knownLabel.toLowerCase(Locale.ROOT) + " (none)";
        }
        String list = String.join(", ", known);
        return closest(input, known)
                .map(c -> what + "; did you mean '" + c + "'? " + knownLabel + " " + list)
                .orElseGet(() -> what + "; " + knownLabel.toLowerCase(Locale.ROOT) + " " + list);
    }

    /** What a node holds, for "but was ...": {@code 'two'}, {@code a list}, {@code a mapping}, {@code nothing}. */
    static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) && isEmptyNull(scalar) ? "nothing" : "'" + Excerpt.of(scalar.getValue()) + "'";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        return "nothing";
    }

    /**
     * What a whole file holds, without quoting any of it (a file that is not YAML at all may be anyone's secrets):
     * {@code a text of 120 characters}, {@code a list}, {@code a mapping}, {@code nothing}.
     */
    static String kindOf(Node node) {
        if (node instanceof ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) && isEmptyNull(scalar) ? "nothing"
                    : "a text of " + scalar.getValue().length() + " characters";
        }
        return describe(node);
    }

    private static boolean isEmptyNull(ScalarNode scalar) {
        String v = scalar.getValue();
        return v.isEmpty() || v.equals("~") || v.equalsIgnoreCase("null");
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
