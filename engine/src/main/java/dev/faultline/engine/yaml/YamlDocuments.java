package dev.faultline.engine.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

import dev.faultline.engine.model.Excerpt;

/** Reads a YAML file into SnakeYAML nodes (each with its position); syntax errors and duplicate keys become problems. */
final class YamlDocuments {
    static final String SYNTAX = "(syntax)";
    static final String FILE = "(file)";
    /** The largest scenario or topology file read, in bytes. */
    static final int MAX_FILE_BYTES = 256 * 1024;
    /** The deepest nesting of mappings and lists in a document. */
    static final int MAX_NESTING = 16;
    /** The most aliases ({@code *name}) to a mapping or list in a document. */
    static final int MAX_ALIASES = 16;
    /** The tags a value may have: the ones YAML gives plain values, and {@code !!str} to quote one. */
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP,
            Tag.MERGE, Tag.SEQ, Tag.MAP);

    private YamlDocuments() {
    }

    /** The file's text, or {@code null} after recording why it cannot be read. */
    static String read(Path file, Problems problems) {
        try {
            return readBounded(file);
        } catch (UnreadableFileException e) {
            problems.add(new Problem(file.toString(), 0, 0, FILE, e.directory
                    ? "is a directory, expected a YAML file" : "cannot read the file: " + e.getMessage()));
            return null;
        }
    }

    /** Why a scenario or topology file cannot be read: its message says it in a few words. */
    static final class UnreadableFileException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean directory;

        UnreadableFileException(String reason, boolean directory) {
            super(reason, null, false, false);
            this.directory = directory;
        }
    }

    /**
     * The text of a regular file of at most {@value #MAX_FILE_BYTES} bytes, strictly UTF-8. A directory, device,
     * FIFO or socket is refused before it is opened (reading one could block for ever or never end), and no more
     * than the limit is ever read, even from a file that grows meanwhile.
     */
    static String readBounded(Path file) throws UnreadableFileException {
        if (Files.isDirectory(file)) {
            throw new UnreadableFileException("is a directory", true);
        }
        if (!Files.exists(file)) {
            throw new UnreadableFileException("no such file", false);
        }
        if (!Files.isRegularFile(file)) {
            throw new UnreadableFileException("not a regular file (a device, FIFO or socket?)", false);
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new UnreadableFileException(tooLarge(), false);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new UnreadableFileException(tooLarge(), false);
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IOException e) {
            throw new UnreadableFileException(reason(e), false);
        }
    }

    private static String tooLarge() {
        return "larger than " + MAX_FILE_BYTES / 1024 + " KiB, the most a scenario or topology file may hold";
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
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_FILE_BYTES);
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
            problems.add(new Problem(file, 1, 1, SYNTAX, limitMessage(e)));
            return null;
        } catch (StackOverflowError e) {
            problems.add(new Problem(file, 1, 1, SYNTAX, "nested too deeply (at most " + MAX_NESTING + " levels)"));
            return null;
        }
        if (root == null || YamlValue.isNull(root) && ((ScalarNode) root).getValue().isEmpty()) {
            return null;
        }
        checkKeys(file, root, "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        return root;
    }

    /** A limit SnakeYAML enforces (nesting, aliases, size), said in the scenario format's words. */
    private static String limitMessage(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Nesting Depth")) {
            return "nested too deeply: at most " + MAX_NESTING + " levels of mappings and lists";
        }
        if (message.contains("aliases")) {
            return "too many aliases (*name): at most " + MAX_ALIASES + " to a mapping or list";
        }
        if (message.contains("code points")) {
            return "the document is larger than " + MAX_FILE_BYTES / 1024 + " KiB";
        }
        if (message.contains("Recursive key")) {
            return "a key refers to the mapping that holds it (recursive alias)";
        }
        return "invalid YAML: " + Excerpt.of(message, 80);
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem().trim();
        if (problem.endsWith("but got [")) {
            problem += " (inside { } or [ ], quote a value with brackets: \"worker[1]\")";
        }
        problem = Excerpt.of(problem, 160);
        String context = e.getContext();
        if (context == null || context.isBlank()) {
            return problem;
        }
        Mark at = e.getContextMark();
        String where = at == null ? "" : " at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1);
        return Excerpt.of(context.trim(), 80) + where + ": " + problem;
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
        if (!PLAIN_TAGS.contains(node.getTag())) {
            problems.add(Problem.at(file, node, path.isEmpty() ? "(root)" : path, "expected a plain value but it has the"
                    + " tag '" + Excerpt.of(node.getTag().getValue()) + "'; YAML tags (!name, !!type) are not supported"));
            return;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Node> firstKeys = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!PLAIN_TAGS.contains(keyNode.getTag())) {
                    checkKeys(file, keyNode, path.isEmpty() ? "(key)" : path, problems, seen);
                    continue;
                }
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
                            "duplicate key; '" + Excerpt.of(key.getValue()) + "' is already set at line "
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
        } else {
            try {
                text = readBounded(file);
            } catch (UnreadableFileException e) {
                String shown = Excerpt.of(name, 200);
                problems.addAll(referencedFrom.invalid(e.directory
                        ? "expected a " + kind + " file but " + shown + " is a directory"
                        : "cannot read " + kind + " file " + shown + ": " + e.getMessage()));
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
                    + ": <name>') but was " + Hints.kindOf(root)));
            return null;
        }
        return YamlParams.of(name, "", mapping);
    }
}
