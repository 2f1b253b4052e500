package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import dev.faultline.reports.Reports;
import dev.faultline.reports.saved.SavedRun;

/**
 * The hand-made run driven by Gatling ({@link HandMadeRun#GATLING}): the page shows Gatling's own figures beside the
 * load, draws its seconds on the run's time axis, and links to Gatling's own report inside the run's folder only.
 */
class DriverPageTest {
    private static final String SECTION = "//section[@id='driver']";
    private static final String PANEL = "//*[@id='timeline-chart']//*[@class='driver'][@data-driver='gatling']";

    @TempDir
    Path dir;
    private Path run;
    private String html;
    private PageDom page;

    @BeforeEach
    void writeThePage() throws IOException {
        run = HandMadeRun.writeWithDriver(dir.resolve("run"), HandMadeRun.GATLING);
        Files.createDirectories(run.resolve("gatling"));
        Files.writeString(run.resolve("gatling/index.html"), "<html></html>");
        html = render(run);
        page = PageDom.parse(html);
    }

    @Test
    void theGatlingSectionShowsItsTotalsExactly() {
        assertThat(page.text(SECTION + "/h2")).isEqualTo("Gatling");
        assertThat(List.of(page.figure(SECTION, "simulation"), page.figure(SECTION, "requests"),
                page.figure(SECTION, "ok"), page.figure(SECTION, "ko"), page.figure(SECTION, "p50"),
                page.figure(SECTION, "p95"), page.figure(SECTION, "p99"), page.figure(SECTION, "report")))
                .containsExactly("<script>alert(3)</script>Sim", "32", "29", "3 (9.38%)", "4ms", "9ms", "30ms",
                        "gatling/index.html");
    }

    @Test
    void itLinksToGatlingsOwnReportByItsPathInsideTheRunsFolder() {
        Element link = page.one(SECTION + "//td[@data-figure='report']/a");

        assertThat(link.getAttribute("href")).isEqualTo("gatling/index.html");
        assertThat(Files.isRegularFile(run.resolve(link.getAttribute("href")))).isTrue();
    }

    @Test
    void theChartDrawsEachOfGatlingsSecondsWithItsOkAndKoCounts() {
        List<String> seconds = page.all(PANEL + "/*[@data-ok]").stream()
                .map(r -> r.getAttribute("data-from-ms") + ":" + r.getAttribute("data-ok") + "/"
                        + r.getAttribute("data-ko")).toList();

        assertThat(seconds).containsExactly("2300:10/0", "3300:9/1", "4300:0/2", "6300:10/0");
        assertThat(page.text(PANEL + "/*[@data-from-ms='3300']/*[local-name()='title']"))
                .isEqualTo("3.3s \u2192 4.3s (1s): gatling OK 9, KO 1, p50 5ms, p95 9ms, p99 30ms");
        assertThat(page.text(PANEL + "/*[@data-from-ms='4300']/*[local-name()='title']"))
                .isEqualTo("4.3s \u2192 5.3s (1s): gatling OK 0, KO 2, no OK request");
    }

    @Test
    void gatlingsSecondsAreOnTheRunsTimeAxis() {
        Element second = page.one(PANEL + "/*[@data-from-ms='3300']");

        assertThat(number(second, "x")).isCloseTo(xOf(3300), within(0.1));
        assertThat(number(second, "width")).isCloseTo(xOf(4300) - xOf(3300), within(0.1));
    }

    @Test
    void itsLatencyLinesBreakWhereASecondHadNoOkRequest() {
        List<String> p99 = page.all(PANEL + "/*[local-name()='polyline'][@class='p99']").stream()
                .map(l -> l.getAttribute("points")).toList();

        assertThat(p99).hasSize(2);
        assertThat(p99.get(0).split(" ")).hasSize(2);
        assertThat(p99.get(1).split(" ")).hasSize(1);
    }

    @Test
    void aReportPathOutsideTheRunsFolderIsShownButNeverLinked() throws IOException {
        for (String hostile : List.of("../../etc/passwd", "/etc/passwd", "javascript:alert(1)", "gatling/../../x",
                "C:\\\\gatling\\\\index.html")) {
            Path other = HandMadeRun.writeWithDriver(dir.resolve("r" + hostile.hashCode()),
                    HandMadeRun.GATLING.replace("\"gatling/index.html\"", "\"" + hostile + "\""));
            String written = render(other);
            PageDom hostilePage = PageDom.parse(written);

            assertThat(hostilePage.all(SECTION + "//a")).as(hostile).isEmpty();
            assertThat(hostilePage.figure(SECTION, "report")).as(hostile)
                    .endsWith("(not linked: not a path inside the run's folder)");
            assertThat(written).doesNotContain("<script");
        }
    }

    @Test
    void aReportPathWithMarkupInsideTheRunsFolderIsLinkedPercentEncodedAndShownEscaped() throws IOException {
        Path other = HandMadeRun.writeWithDriver(dir.resolve("markup"),
                HandMadeRun.GATLING.replace("\"gatling/index.html\"", "\"\\\"><script>alert(4)</script>\""));
        String written = render(other);

        assertThat(PageDom.parse(written).one(SECTION + "//a").getAttribute("href"))
                .isEqualTo("%22%3E%3Cscript%3Ealert%284%29%3C/script%3E");
        assertThat(written).doesNotContain("<script").contains("&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;");
    }

    @Test
    void aReportMissingFromTheRunsFolderIsLinkedAndSaidToBeMissing() throws IOException {
        Files.delete(run.resolve("gatling/index.html"));

        PageDom without = PageDom.parse(render(run));

        assertThat(without.figure(SECTION, "report")).isEqualTo("gatling/index.html (missing from the run's folder)");
    }

    @Test
    void hostileTextFromTheDriverIsEscaped() {
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(3)&lt;/script&gt;Sim");
    }

    @Test
    void aLedgerDriversRunHasNeitherSectionNorPanels() throws IOException {
        PageDom ledger = PageDom.parse(render(HandMadeRun.write(dir.resolve("ledger"))));

        assertThat(ledger.all(SECTION)).isEmpty();
        assertThat(ledger.all("//*[@class='driver']")).isEmpty();
    }

    private static String render(Path run) throws IOException {
        Reports.writeRun(SavedRun.read(run));
        return Files.readString(run.resolve(RunPage.NAME));
    }

    private double xOf(long ms) {
        Element svg = page.one("//*[@id='timeline-chart']");
        return number(svg, "data-plot-x") + number(svg, "data-plot-width") * ms / number(svg, "data-span-ms");
    }

    private static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }
}
