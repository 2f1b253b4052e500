package dev.faultline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.faultline.engine.run.Failures;
import dev.faultline.engine.run.RunResult;
import dev.faultline.reports.Reports;
import dev.faultline.reports.saved.SavedRun;

/**
 * The suite's reports at the end of {@code faultline run}, read back from the runs' saved folders (as
 * {@code faultline report} would), of the runs that could be saved. A failure here is reported and leaves every run's own files as they are.
 */
final class SuiteReports {
    private SuiteReports() {
    }

    static void write(List<RunResult> results, Path reportDir, PrintStream out) {
        List<RunResult> saved = results.stream().filter(r -> SavedRun.isRunDir(r.reportDir())).toList();
        if (saved.isEmpty()) { // none, or none could be saved (its reason was told)
            return;
        }
        try {
            List<SavedRun> runs = new ArrayList<>();
            for (RunResult r : saved) {
                runs.add(SavedRun.read(r.reportDir()));
            }
            Reports.writeSuite(runs, reportDir);
            out.printf("suite report: %s%n", reportDir.resolve("index.html"));
        } catch (IOException | RuntimeException e) {
            System.err.println("faultline: cannot write the suite's reports: " + Failures.oneLine(e));
        }
    }
}
