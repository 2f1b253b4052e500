package dev.faultline.reports.suite;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.reports.Fixtures;
import dev.faultline.reports.saved.SavedRun;

/**
 * A hand-made {@code result.json} with only the fields the suite's reports read, saved into a run folder; and copies
 * of the two real saved runs in {@code src/test/resources/runs/} (tests never write into the fixtures themselves).
 */
final class ResultFile {
    static final String PASSED_RUN = "worker-crash";
    static final String FAILED_RUN = "worker-crash-unsafe";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> result = new LinkedHashMap<>();
    private final List<Map<String, Object>> faults = new ArrayList<>();
    private final List<Map<String, Object>> objectives = new ArrayList<>();
    private final Map<String, Object> integrity = new LinkedHashMap<>();

    private ResultFile(String scenario, String verdict, String reason) {
        result.put("scenario", scenario);
        result.put("run", scenario + "-run");
        result.put("verdict", verdict);
        result.put("reason", reason);
        result.put("startedAt", "2026-12-01T10:00:00.250Z");
        result.put("finishedAt", "2026-12-01T10:01:30.750Z");
        result.put("topology", "desk");
        result.put("seed", 7);
        integrity(0, 0, 0L, true);
    }

    static ResultFile of(String scenario, String verdict, String reason) {
        return new ResultFile(scenario, verdict, reason);
    }

    static ResultFile passed(String scenario) {
        return of(scenario, "PASSED", "every objective met");
    }

    /** A fault injected at 10s; {@code detectMs}, {@code recoveryMs} null when not measured. */
    ResultFile fault(String name, Long detectMs, Long recoveryMs, boolean recovered) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("type", "agent-crash");
        f.put("target", "worker[0]");
        f.put("instances", List.of("worker-0"));
        f.put("injectedAtMs", 10_000);
        f.put("timeToDetectMs", detectMs);
        f.put("recoveryMs", recoveryMs);
        f.put("recovered", recovered);
        f.put("probes", Map.of());
        faults.add(f);
        return this;
    }

    /** The bounds of the last fault's time to detect and recovery (null: not known). */
    ResultFile bounds(Long detectBoundMs, Long recoveryBoundMs) {
        Map<String, Object> f = faults.get(faults.size() - 1);
        f.put("timeToDetectBoundMs", detectBoundMs);
        f.put("recoveryBoundMs", recoveryBoundMs);
        return this;
    }

    ResultFile check(String name, String expected, String actual, boolean met) {
        objectives.add(Map.of("name", name, "expected", expected, "actual", actual, "met", met));
        return this;
    }

    ResultFile integrity(long lost, long duplicated, Long rpoMs, boolean drained) {
        integrity.put("lost", lost);
        integrity.put("duplicated", duplicated);
        integrity.put("rpoMs", rpoMs);
        integrity.put("drained", drained);
        return this;
    }

    ResultFile started(String startedAt, String finishedAt) {
        result.put("startedAt", startedAt);
        result.put("finishedAt", finishedAt);
        return this;
    }

    /** Writes {@code dir/result.json} and reads the run back as every report does. */
    SavedRun saveIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> out = new LinkedHashMap<>(result);
        out.put("faults", faults);
        out.put("objectives", objectives);
        out.put("integrity", integrity);
        out.put("load", Map.of());
        JSON.writeValue(dir.resolve(SavedRun.RESULT).toFile(), out);
        return SavedRun.read(dir);
    }

    /** A copy of the real saved run {@code name} in {@code into/name}, read back. */
    static SavedRun copyOfFixture(String name, Path into) throws IOException {
        return SavedRun.read(Fixtures.copyRun(name, into));
    }
}
