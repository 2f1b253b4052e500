package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No README or doc in the repository refers to a file outside it (users have only the repository): every relative
 * Markdown link and every {@code `../path`} resolves to a file inside the repository, and links point at files that
 * exist.
 */
class DocsStayInTheRepositoryTest {
    private static final Path ROOT = ResultSchema.ROOT;
    private static final Set<String> NOT_SOURCES = Set.of("target", ".git", "node_modules", ".faultline",
            "faultline-results");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern RELATIVE_PATH = Pattern.compile("`(\\.\\./[^`\\s]+)`");

    @Test
    void everyRelativeReferenceInADocResolvesInsideTheRepository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path doc : docs()) {
            String text = Files.readString(doc);
            for (String target : matches(LINK, text)) {
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue;
                }
                Path resolved = doc.getParent().resolve(target.replaceFirst("#.*$", "")).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    outside.add(ROOT.relativize(doc) + " links to " + target);
                }
            }
            for (String path : matches(RELATIVE_PATH, text)) {
                if (!doc.getParent().resolve(path).normalize().startsWith(ROOT)) {
                    outside.add(ROOT.relativize(doc) + " names " + path);
                }
            }
        }

        assertThat(outside).as("references to files outside %s or missing", ROOT).isEmpty();
    }

    @Test
    void theDocsAreFound() throws IOException {
        assertThat(docs()).extracting(d -> ROOT.relativize(d).toString().replace('\\', '/'))
                .contains("README.md", "docs/scenario-format.md", "proxy/README.md", "agents/README.md");
    }

    private static List<Path> docs() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".md")).filter(DocsStayInTheRepositoryTest::isSource)
                    .sorted().toList();
        }
    }

    private static boolean isSource(Path file) {
        for (Path part : ROOT.relativize(file)) {
            if (NOT_SOURCES.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
