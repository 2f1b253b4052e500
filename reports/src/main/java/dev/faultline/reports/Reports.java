package dev.faultline.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.reports.allure.AllureResults;
import dev.faultline.reports.history.History;
import dev.faultline.reports.history.RunRow;
import dev.faultline.reports.html.RunPage;
import dev.faultline.reports.saved.SavedRun;
import dev.faultline.reports.suite.SuiteReport;

/**
 * Every report Faultline writes, built from saved runs alone ({@link SavedRun}): a run's own {@code report.html}
 * beside its {@code result.json}, and a suite's {@code index.html}, {@code summary.md}, {@code junit.xml} and
 * {@code allure-results/} in the report directory. {@code faultline run} calls these when its runs end;
 * {@code faultline report} calls them on saved folders.
 */
public final class Reports {
    private Reports() {
    }

    /** Writes (or rewrites) the reports that live in a run's own folder. */
    public static void writeRun(SavedRun run) throws IOException {
        RunPage.write(run);
    }

    /**
     * Writes (or rewrites) the suite's reports into {@code suiteDir} from {@code runs}: {@code index.html},
     * {@code summary.md} (also appended to {@code $GITHUB_STEP_SUMMARY} when set), {@code junit.xml} and
     * {@code allure-results/}.
     */
    public static void writeSuite(List<SavedRun> runs, Path suiteDir) throws IOException {
        writeSuite(runs, suiteDir, List.of());
    }

    /**
     * {@link #writeSuite(List, Path)}, and {@code index.html} also shows the trend against earlier drills: per
     * scenario, its RTO and lost work over its earlier runs in {@code history} ({@link History#runs}) and this run.
     * With no earlier run of any scenario, the reports are those of {@link #writeSuite(List, Path)}.
     */
    public static void writeSuite(List<SavedRun> runs, Path suiteDir, List<RunRow> history) throws IOException {
        Files.createDirectories(suiteDir);
        SuiteReport.write(runs, suiteDir, history);
        AllureResults.write(runs, suiteDir.resolve(AllureResults.DIR));
    }

    /**
     * The saved runs' folders among {@code paths}: each path is a run's folder (it holds {@code result.json}) or a
     * folder of them ({@code <report-dir>}, whose subfolders are runs). Sorted by path within each folder given.
     */
    public static List<Path> findRuns(List<Path> paths) throws IOException {
        List<Path> runs = new ArrayList<>();
        for (Path p : paths) {
            if (SavedRun.isRunDir(p)) {
                runs.add(p);
                continue;
            }
            if (!Files.isDirectory(p)) {
                throw new IOException(p + ": not a folder");
            }
            try (var children = Files.list(p)) {
                List<Path> found = children.filter(Files::isDirectory).filter(SavedRun::isRunDir).sorted().toList();
                if (found.isEmpty()) {
                    throw new IOException(p + ": holds no saved run (no result.json in it or its subfolders)");
                }
                runs.addAll(found);
            }
        }
        return runs;
    }
}
