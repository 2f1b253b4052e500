package dev.faultline.reports.suite;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.faultline.reports.saved.SavedRun;

/**
 * Links from a suite's report to a run's own files, relative to the suite's folder wherever the run's folder is
 * (beside it, under it or elsewhere), so the folders can be moved or published together.
 */
final class Links {
    static final String RUN_REPORT = "report.html";

    private Links() {
    }

    /**
     * The href of the run's {@code report.html} from a file in {@code suiteDir}; its {@code result.json} when the run
     * has no {@code report.html} (a broken link helps nobody).
     */
    static String runReport(Path suiteDir, SavedRun run) {
        Path report = run.dir().resolve(RUN_REPORT);
        return href(suiteDir, Files.isRegularFile(report) ? report : run.dir().resolve(SavedRun.RESULT));
    }

    /** The run's {@code report.html} as a path relative to {@code suiteDir}, with {@code /} between names. */
    static String relativePath(Path suiteDir, Path target) {
        Path from = suiteDir.toAbsolutePath().normalize();
        Path to = target.toAbsolutePath().normalize();
        StringBuilder sb = new StringBuilder();
        for (Path name : from.relativize(to)) {
            sb.append(sb.length() == 0 ? "" : "/").append(name);
        }
        return sb.toString();
    }

    /** A relative URL to {@code target} from a file in {@code suiteDir}: each name percent-encoded as UTF-8. */
    static String href(Path suiteDir, Path target) {
        StringBuilder sb = new StringBuilder();
        for (String name : relativePath(suiteDir, target).split("/")) {
            sb.append(sb.length() == 0 ? "" : "/").append(encode(name));
        }
        return sb.toString();
    }

    /** Keeps RFC 3986's unreserved characters, percent-encodes every other byte ({@code :} too: no scheme). */
    private static String encode(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
