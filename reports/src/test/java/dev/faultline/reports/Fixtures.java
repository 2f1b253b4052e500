package dev.faultline.reports;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The real saved runs under {@code src/test/resources/runs/}: never written to, only copied. */
public final class Fixtures {
    /** The saved runs there: worker-crash (PASSED) and worker-crash-unsafe (FAILED, 7 lost). */
    public static final List<String> RUNS = List.of("worker-crash", "worker-crash-unsafe");

    private Fixtures() {
    }

    /** A copy of the saved run {@code name} in {@code into/<name>}; returns that folder. */
    public static Path copyRun(String name, Path into) throws IOException {
        URL url = Fixtures.class.getResource("/runs/" + name + "/result.json");
        if (url == null) {
            throw new IOException("no fixture runs/" + name + " on the test class path");
        }
        Path source;
        try {
            source = Path.of(url.toURI()).getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("fixture runs/" + name + " is not a folder on disk: " + url, e);
        }
        Path target = into.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path copy = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
        return target;
    }
}
