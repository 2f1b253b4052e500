package dev.faultline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format reference, {@code docs/scenario-format.md}, read as its tests need it: sections, each named by the
 * {@code `code`} in its heading (or by the heading's text when it has none), each listing the fields in the first
 * column of its tables ({@code | `expect.within` | ...}).
 */
final class FormatReference {
    static final Path FILE = ResultSchema.ROOT.resolve("docs/scenario-format.md");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final Map<String, Set<String>> fieldsBySection;

    private FormatReference(Map<String, Set<String>> fieldsBySection) {
        this.fieldsBySection = fieldsBySection;
    }

    static FormatReference standard() {
        try {
            return parse(Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    static FormatReference parse(String markdown) {
        Map<String, Set<String>> sections = new LinkedHashMap<>();
        List<String> current = List.of();
        boolean inCode = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                current = ids(heading.group(1));
                current.forEach(id -> sections.putIfAbsent(id, new LinkedHashSet<>()));
            } else if (line.startsWith("|") && !line.startsWith("|---")) {
                String firstCell = line.substring(1, Math.max(1, line.indexOf('|', 1)));
                for (String id : current) {
                    sections.get(id).addAll(codes(firstCell));
                }
            }
        }
        return new FormatReference(sections);
    }

    boolean hasSection(String id) {
        return fieldsBySection.containsKey(id);
    }

    /** The fields a section lists; empty when there is no such section. */
    Set<String> fields(String id) {
        return fieldsBySection.getOrDefault(id, Set.of());
    }

    /**
     * Whether the field is listed: in the section that names the longest part of its path (the rest of the path
     * is then the listed name: {@code expect.within} in {@code steady-state.probes[]}), or as a section of its own.
     */
    boolean documents(AcceptedFields.Field field) {
        return sectionFor(field).isPresent() || hasSection(sectionId(field.root(), field.path(), field.path().size()));
    }

    /** The section that lists the field, if one does. */
    java.util.Optional<String> sectionFor(AcceptedFields.Field field) {
        List<String> path = field.path();
        for (int depth = path.size() - 1; depth >= 0; depth--) {
            String id = sectionId(field.root(), path, depth);
            if (hasSection(id)) {
                String rest = String.join(".", path.subList(depth, path.size()));
                return fields(id).contains(rest) ? java.util.Optional.of(id) : java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    /** Where the field belongs: {@code `expect.within` in section `steady-state.probes[]`}. */
    String expectedListing(AcceptedFields.Field field) {
        List<String> path = field.path();
        for (int depth = path.size() - 1; depth > 0; depth--) {
            String id = sectionId(field.root(), path, depth);
            if (hasSection(id)) {
                return "`" + String.join(".", path.subList(depth, path.size())) + "` in section `" + id + "`";
            }
        }
        return "`" + String.join(".", path) + "` in section `" + field.root().id() + "`";
    }

    /** The section for the first {@code depth} elements of a path below {@code root}. */
    static String sectionId(AcceptedFields.Root root, List<String> path, int depth) {
        return depth == 0 ? root.id() : root.prefix() + String.join(".", path.subList(0, depth));
    }

    private static List<String> ids(String headingText) {
        List<String> codes = codes(headingText);
        return codes.isEmpty() ? List.of(headingText.trim().toLowerCase(Locale.ROOT)) : codes;
    }

    private static List<String> codes(String text) {
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }
}
