package dev.faultline.cli.drill;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.faultline.engine.drill.TrendFigure;
import dev.faultline.engine.run.Verdict;

/**
 * What a drill's webhooks are told: it started, a scenario has its verdict, it ended. Each is sent as one JSON object
 * (see {@link #fields()}) whose {@code event} says which: {@code drill-started}, {@code scenario-verdict},
 * {@code drill-ended}; {@code at} is when it happened, and times are ISO-8601 instants ({@code 2026-11-03T09:00:00Z}).
 */
public sealed interface DrillEvent permits DrillEvent.Started, DrillEvent.ScenarioVerdict, DrillEvent.Ended {

    /** The event's name in its JSON: {@code drill-started}, {@code scenario-verdict} or {@code drill-ended}. */
    String event();

    /** The drill's name. */
    String drill();

    /** The drill run's id in the history. */
    long drillRunId();

    /** When it happened. */
    Instant at();

    /**
     * The JSON object sent: {@code event}, {@code at}, {@code drill}, {@code drillRunId}, then the event's own fields
     * in the order of its record; every field is always there ({@code null} where the record says so).
     */
    Map<String, Object> fields();

    /**
     * The drill started.
     *
     * @param scheduledFor the schedule's time this run is for; null for a drill run by hand ({@code drill run})
     * @param scenarios    the scenarios' names, in the order they run
     */
    record Started(String drill, long drillRunId, Instant at, Instant scheduledFor, List<String> scenarios)
            implements DrillEvent {
        public Started {
            Objects.requireNonNull(drill, "drill");
            Objects.requireNonNull(at, "at");
            scenarios = List.copyOf(scenarios);
        }

        @Override
        public String event() {
            return "drill-started";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> json = common(this);
            json.put("scheduledFor", scheduledFor == null ? null : scheduledFor.toString());
            json.put("scenarios", scenarios);
            return json;
        }
    }

    /**
     * One scenario of the drill has its verdict.
     *
     * @param reason    why: the run's reason as in its result.json
     * @param figures   the run's trend figures by {@link TrendFigure#yamlName()} ({@code rto}, {@code rpo}, ...), a
     *                  null value for one not measured; {@link #figures(Map)} makes it from the history's figures
     * @param reportDir the folder of the run's report; null when none was written
     */
    record ScenarioVerdict(String drill, long drillRunId, Instant at, String scenario, Verdict verdict, String reason,
                           Map<String, Long> figures, String reportDir) implements DrillEvent {
        public ScenarioVerdict {
            Objects.requireNonNull(drill, "drill");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(verdict, "verdict");
            reason = reason == null ? "" : reason;
            figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        }

        /**
         * Every {@link TrendFigure} by its YAML name, in the enum's order ({@code rto}, {@code rpo}, {@code lost},
         * {@code duplicated}, {@code p99-latency}), null where {@code measured} has none.
         */
        public static Map<String, Long> figures(Map<TrendFigure, Long> measured) {
            Map<TrendFigure, Long> byFigure = measured.isEmpty() ? new EnumMap<>(TrendFigure.class)
                    : new EnumMap<>(measured);
            Map<String, Long> figures = new LinkedHashMap<>();
            for (TrendFigure figure : TrendFigure.values()) {
                figures.put(figure.yamlName(), byFigure.get(figure));
            }
            return figures;
        }

        @Override
        public String event() {
            return "scenario-verdict";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> json = common(this);
            json.put("scenario", scenario);
            json.put("verdict", verdict.name());
            json.put("reason", reason);
            json.put("figures", figures);
            json.put("reportDir", reportDir);
            return json;
        }
    }

    /**
     * The drill ended.
     *
     * @param verdict            the drill's verdict: the worst of its scenarios', FAILED when a regression bound broke
     * @param regressionProblems each broken regression bound in one line, naming the figure and the drills it was
     *                           compared with; empty when none broke
     */
    record Ended(String drill, long drillRunId, Instant at, Verdict verdict, String reason,
                 List<String> regressionProblems) implements DrillEvent {
        public Ended {
            Objects.requireNonNull(drill, "drill");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(verdict, "verdict");
            reason = reason == null ? "" : reason;
            regressionProblems = List.copyOf(regressionProblems);
        }

        @Override
        public String event() {
            return "drill-ended";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> json = common(this);
            json.put("verdict", verdict.name());
            json.put("reason", reason);
            json.put("regressionProblems", regressionProblems);
            return json;
        }
    }

    private static Map<String, Object> common(DrillEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", event.event());
        json.put("at", event.at().toString());
        json.put("drill", event.drill());
        json.put("drillRunId", event.drillRunId());
        return json;
    }
}
