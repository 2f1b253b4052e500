package dev.faultline.reports.html;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import dev.faultline.engine.run.RunResult;
import dev.faultline.engine.spi.Reporter;
import dev.faultline.reports.Reports;
import dev.faultline.reports.saved.SavedRun;

/**
 * Writes the run's {@code report.html} from its saved folder alone (after {@code result.json} is written), so the
 * page a run writes and the page {@code faultline report} rebuilds later are the same.
 */
public final class HtmlReporter implements Reporter {
    @Override
    public String name() {
        return "html";
    }

    @Override
    public int order() {
        return READS_SAVED_RESULTS;
    }

    @Override
    public Set<String> files() {
        return Set.of(RunPage.NAME);
    }

    @Override
    public void write(RunResult result, Path dir) throws IOException {
        Reports.writeRun(SavedRun.read(dir));
    }
}
