package dev.faultline.reports.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.reports.Chromium;
import dev.faultline.reports.Fixtures;
import dev.faultline.reports.RenderedReports;
import dev.faultline.reports.Reports;
import dev.faultline.reports.saved.SavedRun;

/** The suite's index.html, built from the fixture runs, opened in real headless Chromium. */
class SuitePageChromiumIT {
    @TempDir
    Path dir;

    @Test
    void theSuiteReportRendersARowPerRunAndPerFaultAndLogsNothing() throws Exception {
        List<SavedRun> runs = new ArrayList<>();
        for (String name : Fixtures.RUNS) {
            SavedRun run = SavedRun.read(Fixtures.copyRun(name, dir));
            Reports.writeRun(run);
            runs.add(run);
        }
        Reports.writeSuite(runs, dir);

        RenderedReports.assertSuiteReportRenders(Chromium.headless(), dir, runs,
                Path.of("target", "screenshots", "suite-index.png"));
    }
}
