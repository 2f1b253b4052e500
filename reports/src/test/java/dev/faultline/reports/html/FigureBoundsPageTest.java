package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.faultline.reports.Fixtures;
import dev.faultline.reports.saved.SavedRun;

/**
 * report.html shows every time figure with its bound, {@code 2.55s ± 40ms} (the hand-made run: detected after 300ms
 * ± 20ms, recovered in 4s ± 150ms, 3.7s ± 170ms of outage), in its cells, its chart's tooltips and as whiskers on the
 * chart; a run saved before bounds were kept shows its figures alone.
 */
class FigureBoundsPageTest {
    private static final String CHART = "//*[@id='timeline-chart']";
    private static final String ROW = "//section[@id='faults']//tr[@data-fault='kill <w0>']";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachFigureCellCarriesItsBound() throws IOException {
        PageDom page = page(handMade(r -> { }));

        assertThat(List.of(page.figure(ROW, "time-to-detect"), page.figure(ROW, "recovery"),
                page.figure(ROW, "outage"))).containsExactly("300ms \u00b1 20ms", "4s \u00b1 150ms", "3.7s \u00b1 170ms");
        assertThat(page.all(ROW + "/td[@data-bound-ms]")).extracting(td -> td.getAttribute("data-bound-ms"))
                .containsExactly("20", "150", "170");
    }

    @Test
    void theDetectionAndRecoveryTooltipsGiveTheFigureWithItsBound() throws IOException {
        PageDom page = page(handMade(r -> { }));

        assertThat(page.text(CHART + "//*[@class='detect']/title"))
                .isEqualTo("kill <w0> detected 300ms \u00b1 20ms after its injection (5s \u2192 5.3s (300ms))");
        assertThat(page.text(CHART + "//*[@class='recovery']/title"))
                .isEqualTo("kill <w0> recovered in 4s \u00b1 150ms (5s \u2192 9s (4s))");
    }

    @Test
    void eachBoundIsAWhiskerAcrossTheMomentItsFigureEndsAt() throws IOException {
        PageDom page = page(handMade(r -> { }));

        List<Element> whiskers = page.all(CHART + "//*[@class='bound']");
        assertThat(whiskers).extracting(w -> w.getAttribute("data-figure") + "@" + w.getAttribute("data-t-ms") + "\u00b1"
                + w.getAttribute("data-bound-ms")).containsExactly("detect@5300\u00b120", "recovery@9000\u00b1150");
        Element recovery = whiskers.get(1);
        List<Element> lines = children(recovery, "line");
        assertThat(number(lines.get(0), "x1")).isCloseTo(xOf(page, 9000 - 150), within(0.1));
        assertThat(number(lines.get(0), "x2")).isCloseTo(xOf(page, 9000 + 150), within(0.1));
        assertThat(lines).hasSize(3);
        assertThat(children(recovery, "title").get(0).getTextContent())
                .isEqualTo("kill <w0> recovered at 9s \u00b1 150ms: the true moment lies in 8.85s \u2192 9.15s");
    }

    @Test
    void aRunSavedBeforeBoundsWereKeptShowsItsFiguresAloneAndNoWhisker() throws IOException {
        PageDom page = page(Fixtures.copyRun("worker-crash", dir));

        String row = "//section[@id='faults']//tr[@data-fault]";
        assertThat(page.figure(row, "recovery")).isEqualTo("2.98s");
        assertThat(page.all("//td[@data-bound-ms]")).isEmpty();
        assertThat(page.all(CHART + "//*[@class='bound']")).isEmpty();
        assertThat(page.all("//*[@class='legend']//*[@class='bound']")).isEmpty();
        assertThat(page.text("//section[@id='faults']/p[@class='note']"))
                .isEqualTo("Injected and reverted are times since the run started.");
    }

    @Test
    void theLegendAndTheFaultsNoteSayWhatABoundIs() throws IOException {
        PageDom page = page(handMade(r -> { }));

        assertThat(page.all("//*[@class='legend']//*[@class='bound']")).hasSize(1);
        assertThat(page.text("//section[@id='faults']/p[@class='note']")).contains("2.55s \u00b1 40ms has its bound:"
                + " the true value lies within plus or minus the bound of the figure");
    }

    @Test
    void aFaultMeasuredBySeveralProbesShowsEachProbesFiguresWithTheirBounds() throws IOException {
        PageDom page = page(handMade(r -> {
            ObjectNode probes = (ObjectNode) r.get("faults").get(0).get("probes");
            probes.putObject("probe:queue-drains").put("timeToDetectMs", 900).put("timeToDetectBoundMs", 6)
                    .put("recoveryMs", 4000).put("recoveryBoundMs", 150).put("recovered", true)
                    .put("outageMs", 3100).putNull("outageBoundMs");
        }));

        assertThat(page.all("//tr[@class='probe-figures']")).extracting(tr -> tr.getAttribute("data-probe"))
                .containsExactly("probe:api-up", "probe:queue-drains");
        String queue = "//tr[@data-probe='probe:queue-drains']";
        assertThat(List.of(page.figure(queue, "time-to-detect"), page.figure(queue, "recovery"),
                page.figure(queue, "outage"))).containsExactly("900ms \u00b1 6ms", "4s \u00b1 150ms", "3.1s");
        assertThat(page.figure("//tr[@data-probe='probe:api-up']", "time-to-detect")).isEqualTo("1s \u00b1 20ms");
    }

    @Test
    void aFaultMeasuredByOneProbeHasNoRowForIt() throws IOException {
        PageDom page = page(handMade(r -> { }));

        assertThat(page.all("//tr[@class='probe-figures']")).isEmpty();
    }

    @Test
    void theFactsSayHowManyProbeSamplesAndExtraProbesWentOut() throws IOException {
        PageDom page = page(handMade(r -> { }));

        assertThat(page.figure("//section[@id='facts']", "sampling"))
                .isEqualTo("every 1s: 19 probe samples, 12 extra to narrow transitions (0.7/s)");
    }

    @Test
    void aHaltedRunsFactsGiveHowFastItRevertedWithTheBound() throws IOException {
        PageDom page = page(handMade(r -> r.putObject("halt").put("probe", "api-up")
                .put("condition", "probe api-up failing for 1s (limit 1s)").put("conditionTrueAtMs", 7000)
                .put("lastRevertedAtMs", 7480).put("revertLatencyMs", 480).put("revertLatencyBoundMs", 8)
                .set("reverted", JSON.createArrayNode().add("kill <w0>"))));

        assertThat(page.figure("//section[@id='facts']", "halt")).isEqualTo("probe api-up failing for 1s (limit 1s);"
                + " every fault in force reverted 480ms \u00b1 8ms after it held (kill <w0>)");
    }

    // ---- fixtures

    /** The hand-made run in its own folder, its result.json changed by {@code change}. */
    private Path handMade(Consumer<ObjectNode> change) throws IOException {
        Path run = HandMadeRun.write(Files.createTempDirectory(dir, "run"));
        ObjectNode result = (ObjectNode) JSON.readTree(run.resolve(SavedRun.RESULT).toFile());
        change.accept(result);
        JSON.writeValue(run.resolve(SavedRun.RESULT).toFile(), result);
        return run;
    }

    private static PageDom page(Path run) throws IOException {
        return PageDom.parse(RunPage.render(SavedRun.read(run)));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new java.util.ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getNodeName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static double xOf(PageDom page, long ms) {
        Element svg = page.one(CHART);
        return number(svg, "data-plot-x") + number(svg, "data-plot-width") * ms / number(svg, "data-span-ms");
    }

    private static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }
}
