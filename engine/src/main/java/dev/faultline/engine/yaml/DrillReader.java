package dev.faultline.engine.yaml;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.engine.drill.Cron;
import dev.faultline.engine.drill.Drill;
import dev.faultline.engine.drill.DrillHalt;
import dev.faultline.engine.drill.DrillSuite;
import dev.faultline.engine.drill.Regression;
import dev.faultline.engine.drill.Schedule;
import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.drill.WebhookUrl;
import dev.faultline.engine.drill.Window;
import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.model.HaltCondition;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.run.Verdict;

/**
 * Reads one drill file ({@code drills/*.yaml}, see docs/scenario-format.md, "Drills") with its scenarios, recording
 * every problem on the way. Scenario paths are relative to the drill file and must lie in the drill's tree (its
 * folder or the folder above, where {@code drills/} sits beside {@code scenarios/}), symbolic links resolved.
 */
final class DrillReader {
    static final Duration MAX_MIN_INTERVAL = Duration.ofDays(366);
    static final int MAX_WEBHOOKS = 20;
    private static final String[] DRILL_FIELDS = {"drill", "description", "scenarios", "schedule", "halt-when",
            "notify", "regression"};
    private static final Pattern HOURS = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final Pattern ZONE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");

    private final ScenarioLoader scenarios;
    private final Problems problems;

    DrillReader(ScenarioLoader scenarios, Problems problems) {
        this.scenarios = scenarios;
        this.problems = problems;
    }

    /** The drill and its scenarios, or {@code null} when there were problems (they are recorded). */
    DrillSuite read(Path file, YamlParams root) {
        int before = problems.count();
        problems.attempt(() -> root.allowOnly(DRILL_FIELDS));
        String name = problems.attempt(() -> Fields.name(root.requiredValue("drill"), "monthly-game-day"));
        problems.attempt(() -> root.string("description"));
        List<Path> files = new ArrayList<>();
        List<Scenario> loaded = readScenarios(file, root, files);
        Schedule schedule = problems.attempt(() -> root.value("schedule").map(v -> readSchedule(v.mapping()))
                .orElse(null));
        List<DrillHalt> haltWhen = readHaltWhen(root, loaded);
        List<URI> webhooks = readNotify(root);
        Regression regression = problems.attempt(() -> root.value("regression").map(v -> readRegression(v.mapping()))
                .orElse(null));
        if (problems.count() != before) {
            return null;
        }
        Drill drill = problems.build(root, () -> new Drill(name, file, files, schedule, haltWhen, webhooks,
                regression));
        if (drill == null) {
            return null;
        }
        List<HaltCondition> added = haltWhen.stream()
                .filter(h -> h instanceof DrillHalt.ProbeFailing)
                .map(h -> ((DrillHalt.ProbeFailing) h).condition())
                .toList();
        return new DrillSuite(drill, loaded.stream().map(s -> s.withMoreHaltConditions(added)).toList());
    }

    // ---- scenarios

    private List<Scenario> readScenarios(Path drillFile, YamlParams root, List<Path> files) {
        YamlValue value = problems.attempt(() -> root.requiredValue("scenarios"));
        if (value == null) {
            return List.of();
        }
        List<YamlValue> items = value.isScalar() ? List.of(value) : problems.attempt(value::items);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            problems.addAll(value.invalid("expected at least one scenario file or folder (e.g."
                    + " [../scenarios/worker-crash.yaml]) but found none"));
            return List.of();
        }
        List<Path> given = new ArrayList<>();
        for (YamlValue item : items) {
            Path path = problems.attempt(() -> scenarioPath(drillFile, item));
            if (path != null) {
                given.add(path);
            }
        }
        if (given.size() != items.size()) {
            return List.of();
        }
        List<Scenario> loaded = new ArrayList<>();
        Map<String, String> firstFile = new HashMap<>();
        for (Path scenarioFile : ScenarioLoader.expand(given, problems)) {
            ScenarioReader.Result result = scenarios.read(scenarioFile, problems);
            if (result.nameValue() != null) {
                String first = firstFile.putIfAbsent(result.name(), scenarioFile.toString());
                if (first != null) {
                    problems.addAll(result.nameValue().invalid("scenario '" + result.name() + "' is already defined"
                            + " in " + first + "; names must be unique in a drill"));
                }
            }
            if (result.scenario() != null) {
                loaded.add(result.scenario());
                files.add(scenarioFile);
            }
        }
        return loaded;
    }

    /** A scenario file or folder named relative to the drill file, inside the drill's tree. */
    private static Path scenarioPath(Path drillFile, YamlValue item) {
        if (!item.isScalar() || item.isNull()) {
            throw item.expected("a scenario file or folder, relative to this file (e.g. ../scenarios/worker-crash.yaml)");
        }
        String text = item.text();
        Path folder = drillFile.toAbsolutePath().normalize().getParent();
        Path resolved;
        try {
            resolved = text.isBlank() || text.indexOf('\0') >= 0 || folder == null ? null
                    : folder.resolve(text).normalize();
        } catch (InvalidPathException e) {
            resolved = null;
        }
        if (resolved == null) {
            throw item.expected("a scenario file or folder, relative to this file (e.g. ../scenarios/worker-crash.yaml)");
        }
        Path tree = folder.getParent() == null ? folder : folder.getParent();
        boolean inside = resolved.startsWith(tree);
        if (inside && Files.exists(resolved)) {
            try {
                inside = resolved.toRealPath().startsWith(tree.toRealPath());
            } catch (IOException e) {
                inside = false;
            }
        }
        if (!inside) {
            throw item.expected("a scenario file or folder inside this drill's folder or the folder above it ("
                    + Excerpt.of(tree.toString(), 120) + "), symbolic links resolved");
        }
        if (!Files.exists(resolved)) {
            throw item.invalid("no such scenario file or folder: " + Excerpt.of(text, 120));
        }
        if (!Files.isDirectory(resolved) && !Files.isRegularFile(resolved)) {
            throw item.expected("a scenario file or folder but " + Excerpt.of(text, 120)
                    + " is neither (a device, a pipe?)");
        }
        return drillFile.resolveSibling(text).normalize();
    }

    // ---- schedule

    private Schedule readSchedule(YamlParams p) {
        int before = problems.count();
        problems.attempt(() -> p.allowOnly("cron", "time-zone", "window", "min-interval", "missed"));
        Cron cron = problems.attempt(() -> {
            YamlValue value = p.requiredValue("cron");
            if (!value.isScalar() || value.isNull()) {
                throw value.expected("a cron expression of five fields (e.g. \"0 10 * * 2\": Tuesdays at 10:00)");
            }
            try {
                return Cron.parse(value.text());
            } catch (IllegalArgumentException e) {
                throw value.invalid(e.getMessage());
            }
        });
        ZoneId zone = problems.attempt(() -> p.value("time-zone").map(DrillReader::zone).orElse(ZoneOffset.UTC));
        Window window = problems.attempt(() -> p.value("window").map(v -> readWindow(v.mapping()))
                .orElse(Window.ALWAYS));
        Duration minInterval = problems.attempt(() -> p.value("min-interval")
                .map(v -> v.longDuration(Duration.ofMinutes(1), MAX_MIN_INTERVAL,
                        "a duration from 1m to 366d (e.g. 7d or 12h)"))
                .orElse(null));
        Schedule.Missed missed = problems.attempt(() -> p.value("missed").map(v -> v.enumValue(Schedule.Missed.class))
                .orElse(Schedule.Missed.RUN_ONCE));
        if (problems.count() != before) {
            return null;
        }
        return problems.build(p, () -> new Schedule(cron, zone, window, minInterval, missed));
    }

    private static ZoneId zone(YamlValue value) {
        String what = "a time zone of the IANA database (e.g. Europe/Berlin, America/New_York or UTC)";
        if (!value.isScalar() || value.isNull()) {
            throw value.expected(what);
        }
        String text = value.text();
        if (text.length() > 64 || !ZONE_NAME.matcher(text).matches()) {
            throw value.expected(what);
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw value.expected(what);
        }
    }

    private Window readWindow(YamlParams p) {
        int before = problems.count();
        problems.attempt(() -> p.allowOnly("days", "hours"));
        Set<DayOfWeek> days = problems.attempt(() -> p.value("days").map(DrillReader::days)
                .orElse(Window.ALWAYS.days()));
        LocalTime[] hours = problems.attempt(() -> p.value("hours").map(DrillReader::hours)
                .orElse(new LocalTime[] {Window.ALWAYS.from(), Window.ALWAYS.until()}));
        if (problems.count() != before) {
            return null;
        }
        return problems.build(p, () -> new Window(days, hours[0], hours[1]));
    }

    private static Set<DayOfWeek> days(YamlValue value) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (YamlValue item : value.items()) {
            String text = item.isScalar() && !item.isNull() ? item.text().trim().toLowerCase(Locale.ROOT) : "";
            DayOfWeek day = null;
            for (DayOfWeek d : DayOfWeek.values()) {
                String full = d.name().toLowerCase(Locale.ROOT);
                if (text.equals(full) || text.equals(full.substring(0, 3))) {
                    day = d;
                }
            }
            if (day == null) {
                throw item.expected("a day of the week: mon, tue, wed, thu, fri, sat or sun");
            }
            days.add(day);
        }
        if (days.isEmpty()) {
            throw value.expected("at least one day of the week (e.g. [tue, wed])");
        }
        return days;
    }

    private static LocalTime[] hours(YamlValue value) {
        String what = "hours as \"HH:MM-HH:MM\" in the drill's time zone, the start before the end (e.g. \"09:00-17:00\")";
        Matcher m = HOURS.matcher(value.isScalar() && !value.isNull() ? value.text().trim() : "");
        if (!m.matches()) {
            throw value.expected(what);
        }
        try {
            LocalTime from = LocalTime.parse(m.group(1));
            LocalTime until = m.group(2).equals("24:00") ? LocalTime.MAX : LocalTime.parse(m.group(2));
            if (!from.isBefore(until)) {
                throw value.expected(what);
            }
            return new LocalTime[] {from, until};
        } catch (DateTimeParseException e) {
            throw value.expected(what);
        }
    }

    // ---- halt-when

    private List<DrillHalt> readHaltWhen(YamlParams root, List<Scenario> loaded) {
        List<DrillHalt> halts = new ArrayList<>();
        List<YamlValue> items = problems.attempt(() -> root.value("halt-when").map(YamlValue::items).orElse(List.of()));
        if (items == null) {
            return halts;
        }
        for (YamlValue item : items) {
            YamlParams p = problems.attempt(item::mapping);
            if (p == null) {
                continue;
            }
            DrillHalt halt = problems.attempt(() -> readHalt(p, loaded));
            if (halt != null) {
                halts.add(halt);
            }
        }
        return halts;
    }

    private DrillHalt readHalt(YamlParams p, List<Scenario> loaded) {
        String example = "one of {probe: <name>, failing-for: 30s}, {verdict: failed|aborted|error} or "
                + "{failed-scenarios: N}";
        if (p.has("probe") || p.has("failing-for")) {
            p.allowOnly("probe", "failing-for");
            YamlValue probeValue = p.requiredValue("probe");
            String probe = Fields.probeName(probeValue);
            Duration failingFor = p.requiredValue("failing-for").duration();
            for (Scenario s : loaded) {
                if (s.probes().stream().noneMatch(pr -> pr.name().equals(probe))) {
                    throw probeValue.invalid("scenario '" + s.name() + "' has no probe '" + Excerpt.of(probe)
                            + "'; a drill's probe halt applies to every scenario, so each must declare it");
                }
            }
            return new DrillHalt.ProbeFailing(new HaltCondition(probe, failingFor));
        }
        if (p.has("verdict")) {
            p.allowOnly("verdict");
            YamlValue value = p.requiredValue("verdict");
            Verdict verdict = value.enumValue(Verdict.class);
            if (verdict == Verdict.PASSED) {
                throw value.expected("one of failed, aborted, error (the drill stops after a scenario ends so or worse)");
            }
            return new DrillHalt.VerdictAtLeast(verdict);
        }
        if (p.has("failed-scenarios")) {
            p.allowOnly("failed-scenarios");
            YamlValue value = p.requiredValue("failed-scenarios");
            return new DrillHalt.FailedScenarios(value.integer(1, 1000, "a count from 1 to 1000"));
        }
        throw p.invalid("", "expected " + example + " but found " + (p.keys().isEmpty() ? "an empty mapping"
                : "the fields " + String.join(", ", p.keys().stream().map(k -> Excerpt.of(k)).toList())));
    }

    // ---- notify

    private List<URI> readNotify(YamlParams root) {
        List<URI> urls = new ArrayList<>();
        List<YamlValue> items = problems.attempt(() -> root.value("notify").map(YamlValue::items).orElse(List.of()));
        if (items == null) {
            return urls;
        }
        if (items.size() > MAX_WEBHOOKS) {
            problems.addAll(root.invalid("notify", "expected at most " + MAX_WEBHOOKS + " webhook URLs but found "
                    + items.size()));
            return urls;
        }
        for (YamlValue item : items) {
            URI url = problems.attempt(() -> webhook(item));
            if (url != null) {
                urls.add(url);
            }
        }
        return urls;
    }

    /** A webhook URL, checked by {@link WebhookUrl}: the problem it finds is this item's. */
    static URI webhook(YamlValue item) {
        if (!item.isScalar() || item.isNull()) {
            throw item.expected("an http or https URL (e.g. https://chat.example.com/hooks/drills)");
        }
        String problem = WebhookUrl.problem(item.text());
        if (problem != null) {
            throw item.invalid(problem);
        }
        return URI.create(item.text());
    }

    // ---- regression

    private Regression readRegression(YamlParams p) {
        int before = problems.count();
        problems.attempt(() -> p.allowOnly("compare-with", "bounds"));
        Integer compareWith = problems.attempt(() -> p.value("compare-with")
                .map(v -> v.integer(1, Regression.MAX_COMPARE_WITH, "a count of earlier drills from 1 to "
                        + Regression.MAX_COMPARE_WITH))
                .orElse(5));
        List<Regression.Bound> bounds = new ArrayList<>();
        List<YamlValue> items = problems.attempt(() -> p.requiredValue("bounds").items());
        if (items != null) {
            if (items.isEmpty()) {
                problems.addAll(p.invalid("bounds", "expected at least one bound (e.g. {figure: rto, may-grow: 20%})"
                        + " but found none"));
            }
            Map<TrendFigure, String> firstUse = new HashMap<>();
            for (YamlValue item : items) {
                YamlParams b = problems.attempt(item::mapping);
                if (b == null) {
                    continue;
                }
                Regression.Bound bound = problems.attempt(() -> readBound(b));
                if (bound != null) {
                    String first = firstUse.putIfAbsent(bound.figure(), b.path());
                    if (first != null) {
                        problems.addAll(b.invalid("figure", "figure '" + bound.figure().yamlName()
                                + "' is already bounded by " + first));
                    }
                    bounds.add(bound);
                }
            }
        }
        if (problems.count() != before) {
            return null;
        }
        return problems.build(p, () -> new Regression(compareWith, bounds));
    }

    private static Regression.Bound readBound(YamlParams b) {
        b.allowOnly("figure", "may-grow");
        YamlValue figureValue = b.requiredValue("figure");
        TrendFigure figure = null;
        String text = figureValue.isScalar() && !figureValue.isNull() ? figureValue.text().trim() : "";
        for (TrendFigure f : TrendFigure.values()) {
            if (f.yamlName().equalsIgnoreCase(text)) {
                figure = f;
            }
        }
        if (figure == null) {
            throw figureValue.expected("one of " + String.join(", ",
                    java.util.Arrays.stream(TrendFigure.values()).map(TrendFigure::yamlName).toList()));
        }
        return new Regression.Bound(figure, growth(b.requiredValue("may-grow"), figure));
    }

    /**
     * {@code 20%} (of the median), an amount (a duration for a time figure, a count for a count figure), or both,
     * {@code 20% or 2s}: the larger of the two.
     */
    private static Regression.Growth growth(YamlValue value, TrendFigure figure) {
        String amount = figure.isTime() ? "a duration like 500ms or 2s" : "a count like 0 or 5";
        String what = "a share of the median like 20% (0% to 10000%), " + amount + ", or both: 20% or "
                + (figure.isTime() ? "2s" : "2");
        String text = value.isScalar() && !value.isNull() ? value.text().trim() : "";
        String[] parts = text.split("\\s+or\\s+", -1);
        if (parts.length == 2 && parts[0].endsWith("%") && !parts[1].endsWith("%")) {
            Double percent = percent(parts[0]);
            Long absolute = amount(parts[1], figure);
            if (percent == null || absolute == null) {
                throw value.expected(what);
            }
            return new Regression.Growth(percent, absolute);
        }
        if (parts.length == 1 && text.endsWith("%")) {
            Double percent = percent(text);
            if (percent == null) {
                throw value.expected(what);
            }
            return Regression.Growth.percent(percent);
        }
        Long absolute = parts.length == 1 ? amount(text, figure) : null;
        if (absolute == null) {
            throw value.expected(what);
        }
        return Regression.Growth.absolute(absolute);
    }

    /** {@code 20%} as 20, or null. */
    private static Double percent(String text) {
        String number = text.substring(0, text.length() - 1).trim();
        if (!number.matches("\\d{1,5}(\\.\\d{1,3})?") || Double.parseDouble(number) > 10_000) {
            return null;
        }
        return Double.parseDouble(number);
    }

    /** A duration in ms for a time figure ({@code 0} too), a count otherwise; null when it is neither. */
    private static Long amount(String text, TrendFigure figure) {
        if (text.equals("0")) {
            return 0L;
        }
        if (figure.isTime()) {
            try {
                java.time.Duration d = dev.faultline.engine.model.Units.duration(text);
                return d.compareTo(YamlValue.MAX_DURATION) > 0 ? null : d.toMillis();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return COUNT.matcher(text).matches() ? Long.parseLong(text) : null;
    }
}
