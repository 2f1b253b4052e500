package dev.faultline.load.gatling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.gatling.charts.stats.CountsVsTimePlot;
import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.charts.stats.Percentiles;
import io.gatling.charts.stats.PercentilesVsTimePlot;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.config.GatlingConfiguration$;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/** Gatling's own statistics of a run, read back from the log it wrote ({@code simulation.log}) with its own reader. */
final class GatlingLog {
    private GatlingLog() {
    }

    /** Gatling's figures for one second of the run, starting at {@code startEpochMs} (wall clock). */
    record Second(long startEpochMs, long ok, long ko, Integer p50Ms, Integer p95Ms, Integer p99Ms) {
    }

    /**
     * The whole run: requests, OK and KO (OK: every check passed, for a work item a 2xx answer), response time
     * percentiles of every request, the seconds, and Gatling's report ({@code index.html}) or null when it made none.
     */
    record Figures(long requests, long ok, long ko, Integer p50Ms, Integer p95Ms, Integer p99Ms, List<Second> seconds,
                   Path report) {
        Figures {
            seconds = List.copyOf(seconds);
        }
    }

    /** The figures of the newest run under {@code results}, or null when Gatling left no log there. */
    static Figures read(Path results) throws IOException {
        Optional<Path> run = newestRun(results);
        if (run.isEmpty()) {
            return null;
        }
        LogFileData data = LogFileReader.apply(run.get().getFileName().toString(), results,
                GatlingConfiguration$.MODULE$.load()).read();
        long ok = count(data, OK$.MODULE$);
        long ko = count(data, KO$.MODULE$);
        Option<GeneralStats> all = data.requestGeneralStats(Option.empty(), Option.empty(), Option.empty());
        Integer p50 = all.isDefined() && ok + ko > 0 ? percentile(all.get(), 50) : null;
        Integer p95 = all.isDefined() && ok + ko > 0 ? percentile(all.get(), 95) : null;
        Integer p99 = all.isDefined() && ok + ko > 0 ? percentile(all.get(), 99) : null;
        Path report = run.get().resolve("index.html");
        return new Figures(ok + ko, ok, ko, p50, p95, p99, seconds(data), Files.isRegularFile(report) ? report : null);
    }

    private static Optional<Path> newestRun(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(results)) {
            return runs.filter(d -> Files.isRegularFile(d.resolve("simulation.log")))
                    .max(Comparator.comparing(d -> d.getFileName().toString()));
        }
    }

    private static long count(LogFileData data, Status status) {
        Option<GeneralStats> stats = data.requestGeneralStats(Option.empty(), Option.empty(), Option.apply(status));
        return stats.isDefined() ? stats.get().count() : 0;
    }

    private static Integer percentile(GeneralStats stats, double rank) {
        return ((Number) stats.percentile().apply(rank)).intValue();
    }

    /** One entry per bucket of Gatling's charts (a second for a short run), at its start; Gatling's times are mid-bucket. */
    private static List<Second> seconds(LogFileData data) {
        long runStart = data.runInfo().runStart();
        List<CountsVsTimePlot> counts = CollectionConverters.asJava(
                data.numberOfResponsesPerSecond(Option.empty(), Option.empty()));
        List<PercentilesVsTimePlot> percentiles = CollectionConverters.asJava(
                data.responseTimePercentilesOverTime(OK$.MODULE$, Option.empty(), Option.empty()));
        long half = counts.size() > 1 ? (counts.get(1).time() - counts.get(0).time()) / 2 : 500;
        List<Second> seconds = new ArrayList<>();
        for (CountsVsTimePlot c : counts) {
            Percentiles p = percentiles.stream().filter(x -> x.time() == c.time()).findFirst()
                    .flatMap(x -> x.percentiles().isDefined() ? Optional.of(x.percentiles().get()) : Optional.empty())
                    .orElse(null);
            seconds.add(new Second(runStart + c.time() - half, c.oks(), c.kos(),
                    p == null ? null : p.percentile50(), p == null ? null : p.percentile95(),
                    p == null ? null : p.percentile99()));
        }
        return seconds;
    }
}
