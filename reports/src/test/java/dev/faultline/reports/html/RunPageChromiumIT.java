package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.faultline.reports.Chromium;
import dev.faultline.reports.Fixtures;
import dev.faultline.reports.RenderedReports;
import dev.faultline.reports.saved.SavedFault;
import dev.faultline.reports.saved.SavedRun;

/**
 * Every fixture run's report (and the hand-made one's) opened in real headless Chromium: the page logs nothing, the
 * rendered DOM holds the chart with a lane per sampled lane and a window per injected fault, and a screenshot is
 * kept under {@code target/screenshots/} to look at.
 */
class RunPageChromiumIT {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Map<String, Rendered> RENDERED = new HashMap<>();

    @TempDir
    static Path dir;

    /** A run's saved folder read back, and its page as Chromium rendered it (DOM and screenshot). */
    private record Rendered(SavedRun run, Path page, Chromium.Render dom) {
    }

    static Stream<String> runs() {
        return Stream.concat(Fixtures.RUNS.stream(), Stream.of("hand-made"));
    }

    @BeforeAll
    static void renderEveryRunsReport() throws IOException {
        Chromium chromium = Chromium.headless();
        for (String name : runs().toList()) {
            SavedRun run = SavedRun.read(name.equals("hand-made") ? HandMadeRun.write(dir.resolve(name))
                    : Fixtures.copyRun(name, dir));
            Path page = RunPage.write(run);
            RENDERED.put(name, new Rendered(run, page,
                    chromium.render(page, SCREENSHOTS.resolve(name + ".png"), 1400, 1800)));
        }
    }

    @ParameterizedTest
    @MethodSource("runs")
    void theReportLogsNothingToTheConsole(String name) {
        Rendered r = RENDERED.get(name);

        assertThat(r.dom().console()).as("console of %s", r.page()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("runs")
    void theRenderedChartHasALanePerSampledLane(String name) {
        Rendered r = RENDERED.get(name);

        assertThat(RenderedReports.lanes(r.dom().dom()))
                .containsExactlyInAnyOrderElementsOf(RenderedReports.lanesToDraw(r.run()));
    }

    @ParameterizedTest
    @MethodSource("runs")
    void theRenderedChartHasAWindowPerInjectedFault(String name) {
        Rendered r = RENDERED.get(name);

        assertThat(RenderedReports.count(r.dom().dom(), "class=\"fault-window\" data-fault="))
                .isEqualTo(injected(r.run()))
                .isPositive();
    }

    private static long injected(SavedRun run) {
        return run.faults().stream().map(SavedFault::injectedAtMs).filter(t -> t != null).count();
    }
}
