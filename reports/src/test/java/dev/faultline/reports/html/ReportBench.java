package dev.faultline.reports.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.faultline.reports.Chromium;
import dev.faultline.reports.Fixtures;
import dev.faultline.reports.saved.SavedRun;

/**
 * Prints, for a shipped run and a synthetic hour-long one: how long writing report.html takes (reading the saved
 * folder included), its size, and how long Chromium takes to render it: the median over a few screenshots of the
 * page less the median for an empty page (the browser's own start and stop). Run by reports/bench/report-bench.sh.
 */
public final class ReportBench {
    private static final int ROUNDS = 3;

    private ReportBench() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "reports/target/bench").toAbsolutePath();
        Files.createDirectories(out);
        Chromium chromium = Chromium.headless();
        Path blank = out.resolve("blank.html");
        Files.writeString(blank, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/></head><body></body></html>");
        Duration baseline = median(chromium, blank, out.resolve("blank.png"));
        System.out.printf("chromium start+stop (empty page): %d ms%n", baseline.toMillis());
        bench(chromium, baseline, "worker-crash (shipped fixture)", Fixtures.copyRun("worker-crash", fresh(out)));
        long t0 = System.nanoTime();
        Path hour = SyntheticRun.write(fresh(out).resolve("synthetic-hour"), SyntheticHourTest.HOUR_MS);
        System.out.printf("synthetic hour written in %d ms (timeline.jsonl %d bytes, ledger.jsonl %d bytes)%n",
                (System.nanoTime() - t0) / 1_000_000, Files.size(hour.resolve("timeline.jsonl")),
                Files.size(hour.resolve("ledger.jsonl")));
        bench(chromium, baseline, "synthetic 1-hour run", hour);
    }

    private static void bench(Chromium chromium, Duration baseline, String name, Path dir) throws IOException {
        long t0 = System.nanoTime();
        Path page = RunPage.write(SavedRun.read(dir));
        long generateMs = (System.nanoTime() - t0) / 1_000_000;
        Duration total = median(chromium, page, dir.resolve("report.png"));
        System.out.printf("%s: report.html generated in %d ms, %d bytes, Chromium render %d ms"
                        + " (screenshot %d ms less %d ms browser start+stop); page %s%n", name, generateMs,
                Files.size(page), total.minus(baseline).toMillis(), total.toMillis(), baseline.toMillis(), page);
    }

    private static Duration median(Chromium chromium, Path page, Path png) throws IOException {
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            Chromium.Render render = chromium.screenshot(page, png, 1400, 1800);
            if (!render.console().isEmpty()) {
                throw new IllegalStateException(page + " logged to its console: " + render.console());
            }
            times.add(render.elapsed());
        }
        Collections.sort(times);
        return times.get(ROUNDS / 2);
    }

    private static Path fresh(Path out) throws IOException {
        return Files.createTempDirectory(out, "run");
    }
}
