package dev.faultline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.model.Durations;
import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.history.History;
import dev.faultline.reports.history.HistoryException;
import dev.faultline.reports.history.RunRow;

/**
 * {@code faultline history [--history LOC] [--scenario X] [--since 2026-11-01|7d] [--drill D]}: the recorded
 * scenario runs as a table, one line per run, oldest first: when it started (UTC), its drill, scenario and verdict,
 * and its RTO, RPO, lost, duplicated and p99 latency ({@code —}: not measured). Exit 0; 2 when an option is wrong
 * (one line, nothing read); 4 when the history cannot be read. A history file that does not exist yet is reported as
 * empty, and not created.
 */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = FaultlineCommand.BuildVersion.class,
        description = "Show the recorded runs' RTO, RPO, lost and duplicated work over time, oldest first.")
final class HistoryCommand implements Callable<Integer> {
    static final String NONE = "—";
    private static final String[] HEADER = {"started (UTC)", "drill", "scenario", "verdict", "RTO", "RPO", "lost",
        "duplicated", "p99"};
    private static final TrendFigure[] FIGURES = {TrendFigure.RTO, TrendFigure.RPO, TrendFigure.LOST,
        TrendFigure.DUPLICATED, TrendFigure.P99_LATENCY};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final Pattern AGE = Pattern.compile("([0-9]{1,6})([mhdw])");

    @Option(names = "--history", paramLabel = "LOC",
            description = "The history: an H2 file's path, or a jdbc:h2: or jdbc:postgresql: URL (default:"
                    + " $FAULTLINE_HISTORY, else the H2 file " + History.DEFAULT_FILE + " in the working folder).")
    String history;

    @Option(names = "--scenario", paramLabel = "X", description = "Only the runs of this scenario.")
    String scenario;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only runs started since a day (2026-11-01, from 00:00 UTC), an instant"
                    + " (2026-11-01T10:00:00Z) or an age (90m, 12h, 7d, 2w).")
    String since;

    @Option(names = "--drill", paramLabel = "D", description = "Only the runs of this drill.")
    String drill;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        String location = history != null ? history : History.defaultLocation();
        String problem = History.problem(location);
        Instant from;
        try {
            from = since == null ? null : since(since, clock.instant());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            from = null;
        }
        if (problem != null) {
            System.err.println("faultline history: " + problem);
            return Verdict.INVALID_INPUT_EXIT;
        }
        Path file = History.file(location);
        if (file != null && !Files.isRegularFile(file)) {
            System.out.println("no runs recorded: " + file + " does not exist yet (a drill creates it)");
            return 0;
        }
        List<RunRow> rows;
        String name;
        try (History h = History.open(location)) {
            name = h.name();
            rows = new ArrayList<>(h.runs(scenario, from));
        } catch (HistoryException e) {
            System.err.println("faultline history: " + e.getMessage());
            return Verdict.ERROR.exitCode();
        }
        if (drill != null) {
            rows.removeIf(r -> !drill.equals(r.drill()));
        }
        if (rows.isEmpty()) {
            System.out.println("no runs recorded in " + name + filters());
            return 0;
        }
        System.out.print(table(rows));
        System.out.println(rows.size() + " run(s) in " + name + filters());
        return 0;
    }

    /**
     * The instant {@code --since} names: a day ({@code 2026-11-01}: its start in UTC), an instant, or an age before
     * {@code now} ({@code 90m}, {@code 12h}, {@code 7d}, {@code 2w}).
     *
     * @throws IllegalArgumentException with the one-line message to show
     */
    static Instant since(String text, Instant now) {
        Matcher age = AGE.matcher(text);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(d);
        }
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--since: expected a day (2026-11-01), an instant"
                    + " (2026-11-01T10:00:00Z) or an age (90m, 12h, 7d, 2w) but was '" + Excerpt.of(text) + "'");
        }
    }

    /** The rows as aligned columns under a header. */
    static String table(List<RunRow> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (RunRow r : rows) {
            String[] cells = new String[HEADER.length];
            cells[0] = TIME.format(r.startedAt());
            cells[1] = r.drill() == null ? NONE : r.drill();
            cells[2] = r.scenario();
            cells[3] = r.verdict().name();
            for (int i = 0; i < FIGURES.length; i++) {
                cells[4 + i] = figure(FIGURES[i], r.figure(FIGURES[i]));
            }
            lines.add(cells);
        }
        int[] widths = new int[HEADER.length];
        for (String[] cells : lines) {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] cells : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                boolean number = i >= 4;
                String pad = " ".repeat(widths[i] - cells[i].length());
                line.append(number ? pad + cells[i] : cells[i] + pad).append("  ");
            }
            sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String figure(TrendFigure figure, Long value) {
        if (value == null) {
            return NONE;
        }
        return figure.isTime() ? Durations.figure(value) : String.valueOf(value);
    }

    private String filters() {
        List<String> parts = new ArrayList<>();
        if (scenario != null) {
            parts.add("scenario " + Excerpt.of(scenario));
        }
        if (drill != null) {
            parts.add("drill " + Excerpt.of(drill));
        }
        if (since != null) {
            parts.add("since " + Excerpt.of(since));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }
}
