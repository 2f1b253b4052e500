package dev.faultline.engine.yaml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/** Reads a YAML file into SnakeYAML nodes (each with its position); syntax errors and duplicate keys become problems. */
final class YamlDocuments {
    static final String SYNTAX = "(syntax)";
    static final String FILE = "(file)";

    private YamlDocuments() {
    }

    /** The file's text, or {@code null} after recording why it cannot be read. */
    static String read(Path file, Problems problems) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            problems.add(new Problem(name, 0, 0, FILE, "is a directory, expected a YAML file"));
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            problems.add(new Problem(name, 0, 0, FILE, "cannot read the file: " + reason(e)));
            return null;
        }
    }

    /** Why a file could not be read, in a few words. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The root node of one YAML document, or {@code null} when the text has a syntax error (recorded) or holds no
     * document at all (not recorded: the caller says what it expected). Duplicate keys are recorded, and the first
     * of them is read, so that the rest of the file is still checked.
     */
    static Node compose(String file, String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(Problem.at(file, mark, SYNTAX, syntaxMessage(e)));
            return null;
        } catch (ReaderException e) {
            problems.add(positionedAt(file, text, e.getPosition(),
                    "special characters are not allowed (code point " + e.getCodePoint() + ")"));
            return null;
        } catch (YAMLException e) {
            problems.add(new Problem(file, 1, 1, SYNTAX, String.valueOf(e.getMessage())));
            return null;
        }
        if (root == null || YamlValue.isNull(root) && ((ScalarNode) root).getValue().isEmpty()) {
            return null;
        }
        checkKeys(file, root, "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        return root;
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().trim();
        if (problem.endsWith("but got [")) {
            problem += " (inside { } or [ ], quote a value with brackets: \"worker[1]\")";
        }
        String context = e.getContext();
        if (context == null || context.isBlank()) {
            return problem;
        }
        Mark at = e.getContextMark();
        String where = at == null ? "" : " at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1);
        return context.trim() + where + ": " + problem;
    }

    private static Problem positionedAt(String file, String text, int position, String message) {
        int line = 1;
        int column = 1;
        for (int i = 0, cp = 0; i < text.length() && cp < position; cp++) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Problem(file, line, column, SYNTAX, message);
    }

    /** Duplicate keys and keys that are not plain values, in every mapping of the document. */
    private static void checkKeys(String file, Node node, String path, Problems problems, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Node> firstKeys = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode key)) {
                    problems.add(Problem.at(file, keyNode, path.isEmpty() ? "(key)" : path,
                            "expected a plain key (a name) but was " + Hints.describe(keyNode)));
                    continue;
                }
                if (Tag.MERGE.equals(key.getTag())) {
                    checkKeys(file, tuple.getValueNode(), path, problems, seen);
                    continue;
                }
                String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                Node first = firstKeys.putIfAbsent(key.getValue(), keyNode);
                if (first != null) {
                    problems.add(Problem.at(file, keyNode, childPath,
                            "duplicate key; '" + key.getValue() + "' is already set at line "
                                    + (first.getStartMark().getLine() + 1)));
                }
                checkKeys(file, tuple.getValueNode(), childPath, problems, seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                checkKeys(file, items.get(i), path + "[" + i + "]", problems, seen);
            }
        }
    }

    /**
     * The root mapping of a scenario or topology file, or {@code null} after recording why there is none.
     *
     * @param kind           {@code scenario} or {@code topology}: the first key such a file has
     * @param referencedFrom the scenario's {@code topology:} value naming this file, where a file that cannot be
     *                       read is reported; {@code null} for a file the user named
     */
    static YamlParams readRoot(Path file, String kind, YamlValue referencedFrom, Problems problems) {
        String name = file.toString();
        String text;
        if (referencedFrom == null) {
            text = read(file, problems);
        } else if (Files.isDirectory(file)) {
            problems.addAll(referencedFrom.invalid("expected a " + kind + " file but " + name + " is a directory"));
            return null;
        } else {
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                problems.addAll(referencedFrom.invalid("cannot read " + kind + " file " + name + ": " + reason(e)));
                return null;
            }
        }
        if (text == null) {
            return null;
        }
        return root(name, text, kind, problems);
    }

    /**
     * The root mapping of a scenario or topology given as text, or {@code null} after recording why there is none.
     *
     * @param name the file the text is reported as coming from
     * @param kind {@code scenario} or {@code topology}
     */
    static YamlParams root(String name, String text, String kind, Problems problems) {
        int before = problems.count();
        Node root = compose(name, text, problems);
        if (root == null) {
            if (problems.count() == before) {
                problems.add(new Problem(name, 1, 1, FILE,
                        "the file is empty; expected a " + kind + ", starting with '" + kind + ": <name>'"));
            }
            return null;
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(Problem.at(name, root, FILE, "expected a " + kind + " (a mapping starting with '" + kind
                    + ": <name>') but was " + Hints.describe(root)));
            return null;
        }
        return YamlParams.of(name, "", mapping);
    }
}
