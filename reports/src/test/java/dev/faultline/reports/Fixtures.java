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
        copyTree(source, target);
        return target;
    }

    /**
     * Copies each of {@link #RUNS} from {@code runsDir} (this module's {@code src/test/resources/runs} as another
     * module sees it on disk) into {@code into/<name>}; returns {@code into}, a report directory of two runs.
     */
    public static Path copyRuns(Path runsDir, Path into) throws IOException {
        for (String name : RUNS) {
            copyTree(runsDir.resolve(name), into.resolve(name));
        }
        return into;
    }

    /** Copies the folder {@code from}, with everything in it, to {@code to}. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path copy = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
    }
}
