package dev.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.TimelineEvent;
import dev.faultline.reports.saved.SavedFault;
import dev.faultline.reports.saved.SavedRun;

/**
 * What a person opening a report must see, checked in real headless Chromium: a run's {@code report.html} logs nothing
 * to the console and its rendered chart has a lane per sampled lane (and per instance whose container changed) and a
 * shaded window per injected fault; a suite's {@code index.html} logs nothing and has a row per run and per fault.
 * Each check keeps a screenshot.
 */
public final class RenderedReports {
    private static final Pattern LANE = Pattern.compile("class=\"lane\" data-lane=\"([^\"]+)\"");

    private RenderedReports() {
    }

    /** Renders {@code <runDir>/report.html} and checks it against the run saved there; the screenshot goes to png. */
    public static void assertRunReportRenders(Chromium chromium, Path runDir, Path png) throws IOException {
        SavedRun run = SavedRun.read(runDir);
        Path page = runDir.resolve("report.html");
        Chromium.Render dom = chromium.render(page, png, 1400, 1800);

        assertThat(dom.console()).as("console of %s", page).isEmpty();
        assertThat(lanes(dom.dom())).as("chart lanes of %s", page)
                .containsExactlyInAnyOrderElementsOf(lanesToDraw(run));
        assertThat(count(dom.dom(), "class=\"fault-window\" data-fault=")).as("fault windows of %s", page)
                .isEqualTo(run.faults().stream().map(SavedFault::injectedAtMs).filter(t -> t != null).count());
    }

    /** Renders {@code <suiteDir>/index.html} and checks it lists {@code runs}; the screenshot goes to png. */
    public static void assertSuiteReportRenders(Chromium chromium, Path suiteDir, List<SavedRun> runs, Path png)
            throws IOException {
        Path page = suiteDir.resolve("index.html");
        Chromium.Render dom = chromium.render(page, png, 1400, 1000);

        assertThat(dom.console()).as("console of %s", page).isEmpty();
        for (SavedRun run : runs) {
            assertThat(dom.dom()).as("row of %s in %s", run.scenario(), page)
                    .contains("data-scenario=\"" + run.scenario() + "\"");
        }
        assertThat(count(dom.dom(), "class=\"fault\" data-fault=")).as("fault rows of %s", page)
                .isEqualTo(runs.stream().mapToLong(r -> r.faults().size()).sum());
    }

    /** The lanes ({@code data-lane}) of a rendered chart, in its order. */
    public static List<String> lanes(String dom) {
        List<String> lanes = new ArrayList<>();
        Matcher m = LANE.matcher(dom);
        while (m.find()) {
            lanes.add(m.group(1));
        }
        return lanes;
    }

    /**
     * The lanes a run's chart must have: every lane the run sampled ({@code probe:<name>}, {@code health:<instance>})
     * and the health lane of every instance whose container changed (died, restarted, ...) even if never sampled.
     */
    public static Set<String> lanesToDraw(SavedRun run) {
        Set<String> lanes = new LinkedHashSet<>();
        for (TimelineEvent e : run.timeline()) {
            if (e instanceof TimelineEvent.Sample s) {
                lanes.add(s.lane().wire());
            } else if (e instanceof TimelineEvent.ServiceChange c) {
                lanes.add(Lane.health(c.instance()).wire());
            }
        }
        return lanes;
    }

    /** How many times {@code part} occurs in {@code text}. */
    public static long count(String text, String part) {
        long n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
