package dev.faultline.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.faultline.engine.run.Failures;
import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.Reports;
import dev.faultline.reports.allure.AllureResults;
import dev.faultline.reports.saved.SavedRun;

/**
 * {@code faultline report <result dir>... [--report-dir DIR] [--allure]}: rebuilds every report from saved runs
 * alone (each path a run's folder or a report directory of them). Exit 0 when written, 2 when a path holds no
 * usable saved run (nothing is written then), 4 when writing failed. {@code --allure} also builds Allure's HTML
 * into {@code <report dir>/allure-report/} offline ({@link AllureHtml}); exit 4 when that fails.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = FaultlineCommand.BuildVersion.class,
        description = "Rebuild every report (report.html per run; index.html, summary.md, junit.xml, allure-results/"
                + " per suite) from saved results alone.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "<result dir>",
            description = "A run's folder (it holds result.json) or a report directory of them.")
    List<Path> paths;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where the suite's reports go (default: the one report directory given, else the parent"
                    + " folder of the first run).")
    Path reportDir;

    @Option(names = "--allure", description = "Also build Allure's HTML report (DIR/allure-report/) offline.")
    boolean allure;

    @Override
    public Integer call() {
        List<SavedRun> runs = new ArrayList<>();
        try {
            for (Path dir : Reports.findRuns(paths)) {
                runs.add(SavedRun.read(dir));
            }
        } catch (IOException e) {
            System.err.println("faultline report: " + e.getMessage());
            System.err.println("nothing was written.");
            return Verdict.INVALID_INPUT_EXIT;
        }
        Path suiteDir = reportDir != null ? reportDir
                : paths.size() == 1 && !SavedRun.isRunDir(paths.get(0)) ? paths.get(0)
                : runs.get(0).dir().toAbsolutePath().getParent();
        try {
            for (SavedRun run : runs) {
                Reports.writeRun(run);
            }
            Reports.writeSuite(runs, suiteDir);
        } catch (IOException | RuntimeException e) {
            System.err.println("faultline report: cannot write the reports: " + Failures.oneLine(e));
            return Verdict.ERROR.exitCode();
        }
        System.out.printf("%d run(s) reported: %s%n", runs.size(), suiteDir.resolve("index.html"));
        return allure ? allureHtml(suiteDir) : 0;
    }

    /** Allure's HTML from the suite's {@code allure-results/} into {@code allure-report/}: exit 0, or 4 and why. */
    private static int allureHtml(Path suiteDir) {
        Path report = suiteDir.resolve("allure-report");
        try {
            AllureHtml.generate(AllureHtml.home(), suiteDir.resolve(AllureResults.DIR), report);
        } catch (AllureHtml.Failure e) {
            System.err.print(e.output());
            System.err.println("faultline report: cannot build Allure's HTML: " + e.getMessage());
            return Verdict.ERROR.exitCode();
        } catch (IOException e) {
            System.err.println("faultline report: cannot build Allure's HTML: " + Failures.oneLine(e));
            return Verdict.ERROR.exitCode();
        }
        System.out.printf("Allure report: %s%n", report.resolve("index.html"));
        return 0;
    }
}
