package dev.faultline.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.reports.Reports;
import dev.faultline.reports.saved.SavedRun;

/**
 * The hand-made run with the fault proxy in front of {@code rabbitmq} sampled: 2 attempts a second up to 5 s, 12 in
 * the second from 5 s, then none; result.json's {@code connections} says so.
 */
class ConnectionAttemptsPageTest {
    @TempDir
    Path dir;
    private PageDom page;

    @BeforeEach
    void writeThePage() throws IOException {
        Path run = HandMadeRun.write(dir.resolve("run"));
        StringBuilder events = new StringBuilder();
        long count = 0;
        for (long t = 0; t <= 8_000; t += 500) {
            events.append("{\"t\":").append(t).append(",\"type\":\"connections\",\"service\":\"rabbitmq\",\"accepted\":")
                    .append(count).append(",\"open\":3}\n");
            count += t < 5_000 ? 1 : t < 6_000 ? 6 : 0;
        }
        Files.writeString(run.resolve("timeline.jsonl"), events, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        String result = Files.readString(run.resolve("result.json"));
        int end = result.lastIndexOf('}');
        Files.writeString(run.resolve("result.json"), result.substring(0, end) + ", \"connections\": [{\"service\": "
                + "\"rabbitmq\", \"accepted\": 22, \"peakPerSec\": 12, \"peakAtMs\": 6000, \"duringFaults\": "
                + "{\"accepted\": 12, \"windowMs\": 7000, \"meanPerSec\": 1.71}}]}\n");
        Reports.writeRun(SavedRun.read(run));
        page = PageDom.parse(Files.readString(run.resolve(RunPage.NAME)));
    }

    @Test
    void theChartHasAPanelOfAttemptsPerSecondPerProxiedService() {
        List<String> bars = page.all("//*[@class='connections'][@data-service='rabbitmq']/*[@class='attempts']")
                .stream().map(b -> b.getAttribute("data-from-ms") + ":" + b.getAttribute("data-attempts")).toList();

        assertThat(bars).containsExactly("0:2", "1000:2", "2000:2", "3000:2", "4000:2", "5000:12");
    }

    @Test
    void theConnectionTableShowsTheSavedFigures() {
        String row = page.one("//section[@id='connections']//tr[@data-service='rabbitmq']").getTextContent()
                .replaceAll("\\s+", " ").trim();

        assertThat(row).isEqualTo("rabbitmq2212/s at 6s12 in 7s1.71/s");
    }

    @Test
    void aRunWithoutProxiesHasNeitherPanelNorTable() throws IOException {
        Path plain = HandMadeRun.write(dir.resolve("plain"));
        Reports.writeRun(SavedRun.read(plain));
        PageDom without = PageDom.parse(Files.readString(plain.resolve(RunPage.NAME)));

        assertThat(without.all("//*[@class='connections']")).isEmpty();
        assertThat(without.all("//section[@id='connections']")).isEmpty();
    }
}
