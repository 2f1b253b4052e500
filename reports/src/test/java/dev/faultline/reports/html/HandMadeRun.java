package dev.faultline.reports.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small saved run written by hand, every figure chosen so a test can say exactly what the page must show: a 20 s
 * run, one fault ({@code kill <w0>}, injected at 5 s, verified at 5.2 s, reverted at 12 s, detected after 300 ms
 * ± 20 ms, recovered from 5 s to 9 s: 4 s ± 150 ms, and 3.7 s ± 170 ms of outage), probe {@code api-up} failing 6 s
 * to 8 s, {@code health:worker-0} failing 5 s to 9 s (died at 5.1 s, restarted at 8.5 s), twelve work items of which
 * two were not accepted, two lost and one duplicated; 19 probe samples and 12 extra ones. Its texts are hostile
 * (markup in the description, reason, a fault's and a check's name, a sample's detail) to prove the page escapes
 * them.
 */
public final class HandMadeRun {
    public static final String DESCRIPTION = "<img src=x onerror=alert(1)> made by hand";
    public static final String FAULT = "kill <w0>";
    public static final String DETAIL = "</title><script>alert(2)</script>";
    public static final long SPAN_MS = 20_000;

    private HandMadeRun() {
    }

    /** Writes result.json, timeline.jsonl and ledger.jsonl into {@code dir} (created); returns {@code dir}. */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("result.json"), RESULT, StandardCharsets.UTF_8);
        Files.write(dir.resolve("timeline.jsonl"), timeline(), StandardCharsets.UTF_8);
        Files.write(dir.resolve("ledger.jsonl"), ledger(), StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * Gatling's own figures for the hand-made run ({@code load.driver}): four seconds from 2.3 s (10 OK; 9 OK and 1
     * KO; 2 KO and no OK; none at 5.3 s; 10 OK at 6.3 s), 32 requests in all of which 3 KO, and its report at
     * {@code gatling/index.html}. The simulation's name is hostile.
     */
    public static final String GATLING = """
            {"name": "gatling", "simulation": "<script>alert(3)</script>Sim", "report": "gatling/index.html",
             "requests": 32, "ok": 29, "ko": 3, "p50Ms": 4, "p95Ms": 9, "p99Ms": 30, "perSecond": [
              {"t": 2300, "ok": 10, "ko": 0, "p50Ms": 4, "p95Ms": 8, "p99Ms": 12},
              {"t": 3300, "ok": 9, "ko": 1, "p50Ms": 5, "p95Ms": 9, "p99Ms": 30},
              {"t": 4300, "ok": 0, "ko": 2, "p50Ms": null, "p95Ms": null, "p99Ms": null},
              {"t": 6300, "ok": 10, "ko": 0, "p50Ms": 4, "p95Ms": 7, "p99Ms": 11}]}
            """;

    /** The run as {@link #write}, its result.json's {@code load.driver} set to {@code driverJson}. */
    public static Path writeWithDriver(Path dir, String driverJson) throws IOException {
        write(dir);
        String result = Files.readString(dir.resolve("result.json"));
        String end = "\"throughputPerSec\": 0.71}";
        Files.writeString(dir.resolve("result.json"), result.replace(end, end + ",\n    \"driver\": " + driverJson.strip()),
                StandardCharsets.UTF_8);
        return dir;
    }

    private static final String RESULT = """
            {
              "scenario": "hand-made",
              "run": "hand-made-r1",
              "verdict": "FAILED",
              "reason": "integrity.lost expected <= 0 but was 2 & <b>bold</b>",
              "exitCode": 1,
              "startedAt": "2026-01-01T00:00:00Z",
              "finishedAt": "2026-01-01T00:00:20Z",
              "description": "<img src=x onerror=alert(1)> made by hand",
              "topology": "desk",
              "seed": 42,
              "services": {
                "api": {"image": "faultline/agent:1", "role": "agent", "instances": ["api"]},
                "worker": {"image": "faultline/agent", "role": "agent", "instances": ["worker-0", "worker-1"]}
              },
              "faults": [{
                "name": "kill <w0>", "type": "agent-crash", "target": "worker[0]", "instances": ["worker-0"],
                "parameters": "signal=KILL",
                "injectedAtMs": 5000, "revertedAtMs": 12000, "lastActedAtMs": 5000,
                "timeToDetectMs": 300, "timeToDetectBoundMs": 20, "recoveryMs": 4000, "recoveryBoundMs": 150,
                "recovered": true, "recoveredAtMs": 9000, "outageMs": 3700, "outageBoundMs": 170, "error": null,
                "probes": {"probe:api-up": {"timeToDetectMs": 1000, "timeToDetectBoundMs": 20, "recoveryMs": 3000,
                  "recoveryBoundMs": 150, "recovered": true, "outageMs": 2000, "outageBoundMs": 170}},
                "load": null
              }],
              "recoveries": [{
                "instance": "worker-0", "service": "worker", "strategy": "restore", "diedAtMs": 5100,
                "doneAtMs": 9000, "durationMs": 3900, "recovered": true,
                "detail": "healthy and restored from a checkpoint"
              }],
              "objectives": [
                {"name": "recovery[kill <w0>]", "expected": "<= 15s", "actual": "4s", "met": true},
                {"name": "integrity.lost", "expected": "<= 0", "actual": "2", "met": false}
              ],
              "integrity": {
                "accepted": 10, "completed": 8, "lost": 2, "duplicated": 1, "rpoMs": 400, "unknownCompleted": 3,
                "lossWindow": {"fromMs": 5100, "toMs": 5500},
                "lostIds": ["w-4", "w-5"], "duplicatedIds": ["w-7"], "drained": false
              },
              "load": {
                "sent": 12, "accepted": 10, "errorRate": 0.1667, "p50Ms": 5, "p95Ms": 40, "p99Ms": 90,
                "throughputPerSec": 0.83, "startedAtMs": 2000, "endedAtMs": 14000, "drainedAtMs": 16000,
                "duringFaults": {"sent": 7, "accepted": 5, "errorRate": 0.2857, "p50Ms": 6, "p95Ms": 90,
                  "p99Ms": 90, "throughputPerSec": 0.71}
              },
              "sampling": {"everyMs": 1000, "lateTicks": 0, "worstLagMs": 0, "probeSamples": 19, "extraProbes": 12,
                "extraProbesPerSecond": 0.67},
              "objectiveFigures": {"back-to-normal": {
                "basis": "completion", "windowMs": 3000, "settleMs": 0, "tolerance": 0.25, "errorTolerance": 0.01,
                "significance": 0.01, "resamples": 2000,
                "before": {"fromMs": 2000, "toMs": 5000, "blocks": 3},
                "after": {"fromMs": 9000, "toMs": 12000, "blocks": 3}, "problem": null,
                "metrics": {
                  "throughput": {"before": 0.9, "after": 0.5, "limit": 0.675, "pValue": 0.0005, "degraded": true},
                  "p50-latency": {"before": 926.0, "after": 10912.0, "limit": 1157.5, "pValue": 0.0005,
                    "degraded": true},
                  "p99-latency": {"before": 1442.0, "after": null, "limit": 1802.5, "pValue": 0.0005,
                    "degraded": true},
                  "error-rate": {"before": 0.0, "after": 0.0, "limit": 0.01, "pValue": 1.0, "degraded": false}
                }
              }}
            }
            """;

    private static List<String> timeline() {
        List<String> lines = new ArrayList<>();
        lines.add("{\"t\":0,\"type\":\"phase\",\"phase\":\"starting\"}");
        lines.add("{\"t\":1000,\"type\":\"phase\",\"phase\":\"steady-state\"}");
        lines.add("{\"t\":2000,\"type\":\"phase\",\"phase\":\"load\"}");
        for (long t = 1000; t <= 19000; t += 1000) {
            boolean apiOk = t < 6000 || t >= 8000;
            lines.add(sample(t, "probe:api-up", apiOk, apiOk ? "" : DETAIL));
            lines.add(sample(t, "health:api", true, ""));
            boolean worker0Ok = t < 5000 || t >= 9000;
            lines.add(sample(t, "health:worker-0", worker0Ok, worker0Ok ? "" : "connection refused"));
            lines.add(sample(t, "health:worker-1", true, ""));
        }
        lines.add("{\"t\":5000,\"type\":\"fault\",\"fault\":\"kill <w0>\",\"change\":\"injected\","
                + "\"detail\":\"agent-crash [worker-0] signal=KILL\"}");
        lines.add("{\"t\":5100,\"type\":\"service\",\"instance\":\"worker-0\",\"change\":\"died\","
                + "\"detail\":\"exit code 137\"}");
        lines.add("{\"t\":5200,\"type\":\"fault\",\"fault\":\"kill <w0>\",\"change\":\"verified\","
                + "\"detail\":\"process of [worker-0] ended\"}");
        lines.add("{\"t\":8500,\"type\":\"service\",\"instance\":\"worker-0\",\"change\":\"restarted\","
                + "\"detail\":\"by restart policy\"}");
        lines.add("{\"t\":9000,\"type\":\"instance-recovery\",\"instance\":\"worker-0\",\"strategy\":\"restore\","
                + "\"diedAt\":5100,\"durationMs\":3900,\"recovered\":true,"
                + "\"detail\":\"healthy and restored from a checkpoint\"}");
        lines.add("{\"t\":12000,\"type\":\"fault\",\"fault\":\"kill <w0>\",\"change\":\"reverted\",\"detail\":\"\"}");
        lines.add("{\"t\":14000,\"type\":\"phase\",\"phase\":\"drain\"}");
        lines.add("{\"t\":16000,\"type\":\"phase\",\"phase\":\"recovery\"}");
        lines.add("{\"t\":19000,\"type\":\"phase\",\"phase\":\"stopping\"}");
        return lines;
    }

    private static String sample(long t, String lane, boolean ok, String detail) {
        return "{\"t\":" + t + ",\"type\":\"sample\",\"lane\":\"" + lane + "\",\"ok\":" + ok + ",\"status\":"
                + (ok ? 200 : 0) + ",\"latencyMs\":0,\"detail\":\"" + detail.replace("\"", "\\\"") + "\"}";
    }

    /** Twelve items sent a second apart from 2 s; w-3 and w-9 not accepted; w-4, w-5 lost; w-7 done twice. */
    private static List<String> ledger() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            long sent = 1000L + i * 1000L;
            boolean accepted = i != 3 && i != 9;
            int completions = !accepted || i == 4 || i == 5 ? 0 : i == 7 ? 2 : 1;
            long latency = i == 6 ? 90 : i == 8 ? 40 : 5;
            lines.add("{\"id\":\"w-" + i + "\",\"sentAtMs\":" + sent + ",\"answeredAtMs\":" + (sent + latency)
                    + ",\"status\":" + (accepted ? 202 : 503) + ",\"accepted\":" + accepted + ",\"latencyMs\":"
                    + latency + ",\"completions\":" + completions + ",\"completedAtMs\":"
                    + (completions > 0 ? sent + 500 : -1) + "}");
        }
        lines.add("{\"id\":\"ghost-1\",\"unknown\":true,\"completions\":1}");
        return lines;
    }
}
