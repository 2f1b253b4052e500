package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import dev.faultline.engine.spi.Reporter;
import dev.faultline.reports.Reports;
import dev.faultline.reports.saved.SavedRun;

class RunPageTest {
    private static final String CHART = "//*[@id='timeline-chart']";
    @TempDir
    Path dir;
    private String html;
    private PageDom page;

    @BeforeEach
    void writeTheHandMadeRunsPage() throws IOException {
        Reports.writeRun(SavedRun.read(HandMadeRun.write(dir.resolve("run"))));
        html = Files.readString(dir.resolve("run").resolve(RunPage.NAME));
        page = PageDom.parse(html);
    }

    @Test
    void theHeaderShowsTheScenarioVerdictAndReason() {
        assertThat(page.text("//*[@id='scenario']")).isEqualTo("hand-made");
        assertThat(page.text("//*[@id='verdict']")).isEqualTo("FAILED");
        assertThat(page.one("//*[@id='verdict']").getAttribute("class")).isEqualTo("badge failed");
        assertThat(page.text("//*[@id='reason']")).isEqualTo("integrity.lost expected <= 0 but was 2 & <b>bold</b>");
    }

    @Test
    void theObjectivesTableHasOneRowPerCheckWithExpectedActualAndMet() {
        List<String> rows = page.all("//section[@id='objectives']//tbody/tr").stream()
                .map(tr -> tr.getTextContent().replaceAll("\\s+", " ").trim()).toList();

        assertThat(rows).containsExactly("recovery[kill <w0>]<= 15s4s\u2714 yes", "integrity.lost<= 02\u2718 no");
        assertThat(page.one("//tr[@data-check='integrity.lost']").getAttribute("class")).isEqualTo("unmet");
    }

    @Test
    void theBackToNormalTableShowsEachMetricBeforeAndAfterTheFault() {
        List<String> rows = page.all("//section[@id='back-to-normal']//tbody/tr").stream()
                .map(tr -> tr.getTextContent().replaceAll("\\s+", " ").trim()).toList();

        assertThat(rows).containsExactly("throughput0.9/s0.5/s0.7/s0.05%\u2718 yes",
                "p50-latency926ms10.91s1.16s0.05%\u2718 yes", "p99-latency1.44snever1.8s0.05%\u2718 yes",
                "error-rate0%0%1%100%\u2714 no");
        assertThat(page.one("//tr[@data-metric='error-rate']").getAttribute("class")).isEqualTo("met");
    }

    @Test
    void theIntegrityFiguresAreTheSavedOnes() {
        String s = "//section[@id='integrity']";
        assertThat(List.of(page.figure(s, "accepted"), page.figure(s, "completed"), page.figure(s, "lost"),
                page.figure(s, "duplicated"), page.figure(s, "rpo"), page.figure(s, "unknown-completed"),
                page.figure(s, "lost-ids"), page.figure(s, "duplicated-ids")))
                .containsExactly("10", "8", "2", "1", "400ms", "3", "w-4, w-5", "w-7");
        assertThat(page.figure(s, "loss-window")).startsWith("5.1s \u2192 5.5s");
        assertThat(page.figure(s, "drained"))
                .isEqualTo("no: the run stopped before its drain (halted or cancelled), so lost counts work still in flight");
    }

    @Test
    void theFaultTableShowsEachFaultsFigures() {
        String row = "//section[@id='faults']//tr[@data-fault='kill <w0>']";
        assertThat(List.of(page.figure(row, "injected"), page.figure(row, "reverted"),
                page.figure(row, "time-to-detect"), page.figure(row, "recovery"), page.figure(row, "outage"),
                page.figure(row, "recovered"))).containsExactly("5s", "12s", "300ms \u00b1 20ms", "4s \u00b1 150ms",
                "3.7s \u00b1 170ms", "yes");
    }

    @Test
    void theLoadTableShowsTheWholeRunAndTheFaultWindows() {
        String whole = "//tr[@data-load='whole-run']";
        String during = "//tr[@data-load='during-faults']";
        assertThat(List.of(page.figure(whole, "sent"), page.figure(whole, "accepted"), page.figure(whole, "errors"),
                page.figure(whole, "error-rate"), page.figure(whole, "p50"), page.figure(whole, "p95"),
                page.figure(whole, "p99"), page.figure(whole, "throughput")))
                .containsExactly("12", "10", "2", "16.67%", "5ms", "40ms", "90ms", "0.8/s");
        assertThat(page.figure(during, "sent")).isEqualTo("7");
    }

    @Test
    void theFactsAreTheRunsIdSeedTopologyTimesAndServices() {
        String s = "//section[@id='facts']";
        assertThat(List.of(page.figure(s, "run"), page.figure(s, "seed"), page.figure(s, "topology"),
                page.figure(s, "started"), page.figure(s, "finished"), page.figure(s, "duration")))
                .containsExactly("hand-made-r1", "42", "desk", "2026-01-01T00:00:00Z", "2026-01-01T00:00:20Z", "20s");
        List<String> services = page.all("//table[@id='services']/tbody/tr").stream()
                .map(tr -> tr.getTextContent().trim()).toList();
        assertThat(services).containsExactly("apifaultline/agent:1api", "workerfaultline/agentworker-0, worker-1");
    }

    @Test
    void everyProbeAndSampledInstanceHasALaneProbesFirst() {
        List<String> lanes = page.all(CHART + "//*[@class='lane']").stream()
                .map(g -> g.getAttribute("data-lane")).toList();

        assertThat(lanes).containsExactly("probe:api-up", "health:api", "health:worker-0", "health:worker-1");
    }

    @Test
    void aLaneDrawsEachStretchOfOneStateFromTheSamples() {
        List<String> stretches = page.all("//*[@data-lane='probe:api-up']/*[@data-from-ms]").stream()
                .map(r -> r.getAttribute("class") + " " + r.getAttribute("data-from-ms") + "-"
                        + r.getAttribute("data-to-ms")).toList();

        assertThat(stretches).containsExactly("healthy 1000-6000", "failing 6000-8000", "healthy 8000-20000");
    }

    @Test
    void theFaultWindowIsShadedFromItsInjectionToItsRevert() {
        Element window = page.one(CHART + "//*[@class='fault-window']");

        assertThat(window.getAttribute("data-fault")).isEqualTo(HandMadeRun.FAULT);
        assertThat(window.getAttribute("data-from-ms")).isEqualTo("5000");
        assertThat(window.getAttribute("data-to-ms")).isEqualTo("12000");
        assertThat(number(window, "x")).isCloseTo(xOf(5000), within(0.1));
        assertThat(number(window, "width")).isCloseTo(xOf(12000) - xOf(5000), within(0.1));
    }

    @Test
    void theDetectionAndRecoveryIntervalsFollowTheFaultsFigures() {
        Element detect = page.one(CHART + "//*[@class='detect']");
        Element recovery = page.one(CHART + "//*[@class='recovery']");

        assertThat(List.of(detect.getAttribute("data-from-ms"), detect.getAttribute("data-to-ms"),
                recovery.getAttribute("data-from-ms"), recovery.getAttribute("data-to-ms")))
                .containsExactly("5000", "5300", "5000", "9000");
        assertThat(number(recovery, "x") + number(recovery, "width")).isCloseTo(xOf(9000), within(0.1));
    }

    @Test
    void eachFaultAndContainerChangeIsAMarkAtItsTime() {
        List<String> marks = page.all(CHART + "//*[@class='mark']").stream()
                .map(m -> m.getAttribute("data-change") + "@" + m.getAttribute("data-t-ms")).toList();

        assertThat(marks).containsExactly("injected@5000", "verified@5200", "reverted@12000", "died@5100",
                "restarted@8500", "recovered@9000");
        assertThat(page.all("//*[@data-lane='health:worker-0']/*[@class='mark']")).hasSize(3);
    }

    @Test
    void aRecoveryByARestartStrategyIsAMarkOnItsInstancesLaneAndARowWithItsDuration() {
        Element mark = page.one("//*[@data-lane='health:worker-0']/*[@data-change='recovered']");
        Element row = page.one("//*[@id='recoveries']//tr[@data-recovery='worker-0']");

        assertThat(mark.getAttribute("data-t-ms")).isEqualTo("9000");
        assertThat(page.text("//*[@data-lane='health:worker-0']/*[@data-change='recovered']/*[local-name()='title']"))
                .isEqualTo("worker-0 back by restore 3.9s after its death (5.1s \u2192 9s (3.9s)): healthy and restored"
                        + " from a checkpoint");
        assertThat(row.getAttribute("data-strategy")).isEqualTo("restore");
        assertThat(page.text("//*[@id='recoveries']//tr[@data-recovery='worker-0']/td[@data-figure='duration']"))
                .isEqualTo("3.9s");
        assertThat(page.text("//*[@id='recoveries']//tr[@data-recovery='worker-0']/td[@data-figure='outcome']"))
                .isEqualTo("back: healthy and restored from a checkpoint");
    }

    @Test
    void theLossWindowIsDrawnFromTheSavedOne() {
        Element loss = page.one(CHART + "//*[@class='loss-window']");

        assertThat(loss.getAttribute("data-from-ms") + "-" + loss.getAttribute("data-to-ms")).isEqualTo("5100-5500");
    }

    @Test
    void theLoadIsPlottedPerBucketFromTheLedger() {
        List<String> buckets = page.all(CHART + "//*[@class='hit']").stream()
                .map(b -> b.getAttribute("data-from-ms") + ":" + b.getAttribute("data-sent") + "/"
                        + b.getAttribute("data-accepted")).toList();

        assertThat(buckets).hasSize(12).startsWith("2000:1/1", "3000:1/1", "4000:1/0");
    }

    @Test
    void hostileTextFromTheRunIsEscaped() {
        assertThat(html).doesNotContain("<img", "<script", "<b>")
                .contains("&lt;img src=x onerror=alert(1)&gt; made by hand")
                .contains("&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
        assertThat(page.text("//*[@id='description']")).isEqualTo(HandMadeRun.DESCRIPTION);
    }

    @Test
    void thePageFetchesNothing() {
        Matcher urls = Pattern.compile("https?://[^\"'\\s)]*").matcher(html);
        List<String> found = urls.results().map(r -> r.group()).distinct().toList();

        assertThat(found).containsOnly("http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg");
        assertThat(html).doesNotContain("<script", "<link", "@import", "<img");
    }

    @Test
    void thePageIsWrittenWithoutLeavingATemporaryFile() throws IOException {
        try (var files = Files.list(dir.resolve("run"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("result.json", "timeline.jsonl", "ledger.jsonl", RunPage.NAME);
        }
    }

    @Test
    void theHtmlReporterIsFoundAfterTheJsonOneAndReadsTheSavedFolder() {
        List<Reporter> reporters = ServiceLoader.load(Reporter.class).stream().map(ServiceLoader.Provider::get)
                .toList();

        assertThat(reporters).extracting(Reporter::name).contains("json", "html");
        Reporter html = reporters.stream().filter(r -> r.name().equals("html")).findFirst().orElseThrow();
        assertThat(html.order()).isEqualTo(Reporter.READS_SAVED_RESULTS);
    }

    private double xOf(long ms) {
        Element svg = page.one("//*[@id='timeline-chart']");
        return number(svg, "data-plot-x") + number(svg, "data-plot-width") * ms / number(svg, "data-span-ms");
    }

    private static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }
}
