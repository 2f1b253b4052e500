package dev.faultline.reports.html;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A long saved run made up from a seed, the size of a real hour: six lanes sampled every 100 ms, three faults (a
 * worker killed at 10 min, another paused for a minute at 25 min, the broker down for 30 s at 45 min), and 20 work
 * items a second for the whole length, with the odd failed probe sample, slow answer and refused item, and ten
 * minutes of a flaky API probe (a third of its samples fail).
 */
public final class SyntheticRun {
    static final long SAMPLE_EVERY_MS = 100;
    static final int ITEMS_PER_SECOND = 20;
    static final List<String> LANES = List.of("probe:api-ready", "probe:workers-up", "health:orchestrator",
            "health:worker-0", "health:worker-1", "health:worker-2");
    private static final long LOAD_FROM_MS = 30_000;

    private final long lengthMs;
    private final Random random = new Random(7);
    private final long killAt;
    private final long pauseAt;
    private final long outageAt;

    private SyntheticRun(long lengthMs) {
        this.lengthMs = lengthMs;
        this.killAt = lengthMs / 6;
        this.pauseAt = lengthMs * 25 / 60;
        this.outageAt = lengthMs * 45 / 60;
    }

    /** Writes a run of {@code lengthMs} (an hour: 3_600_000) into {@code dir} (created); returns {@code dir}. */
    public static Path write(Path dir, long lengthMs) throws IOException {
        Files.createDirectories(dir);
        new SyntheticRun(lengthMs).writeAll(dir);
        return dir;
    }

    private void writeAll(Path dir) throws IOException {
        Files.writeString(dir.resolve("result.json"), result(), StandardCharsets.UTF_8);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("timeline.jsonl"), StandardCharsets.UTF_8)) {
            timeline(out);
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("ledger.jsonl"), StandardCharsets.UTF_8)) {
            ledger(out);
        }
    }

    private boolean failing(String lane, long t) {
        boolean killed = t >= killAt && t < killAt + 3_100;
        boolean paused = t >= pauseAt && t < pauseAt + 60_000;
        boolean brokerDown = t >= outageAt && t < outageAt + 31_500;
        return switch (lane) {
            case "probe:api-ready" -> brokerDown || random.nextInt(flaky(t) ? 3 : 3_000) == 0;
            case "probe:workers-up" -> killed || paused || brokerDown && t < outageAt + 4_000;
            case "health:worker-0" -> killed;
            case "health:worker-1" -> paused;
            default -> false;
        };
    }

    /** Ten minutes from 50 min in, the API probe fails a third of its samples (a flaky dependency). */
    private boolean flaky(long t) {
        return t >= lengthMs * 50 / 60 && t < lengthMs * 50 / 60 + 600_000;
    }

    private void timeline(BufferedWriter out) throws IOException {
        line(out, "{\"t\":0,\"type\":\"phase\",\"phase\":\"starting\"}");
        line(out, "{\"t\":12000,\"type\":\"phase\",\"phase\":\"steady-state\"}");
        line(out, "{\"t\":" + LOAD_FROM_MS + ",\"type\":\"phase\",\"phase\":\"load\"}");
        List<String> events = new ArrayList<>();
        events.add(fault(killAt, "kill-worker", "injected", "agent-crash [worker-0] signal=KILL"));
        events.add(service(killAt + 60, "worker-0", "died", "exit code 137"));
        events.add(fault(killAt + 200, "kill-worker", "verified", "process of [worker-0] ended"));
        events.add(service(killAt + 2_500, "worker-0", "restarted", "by restart policy"));
        events.add(service(killAt + 2_501, "worker-0", "started", ""));
        events.add(fault(killAt + 30_000, "kill-worker", "reverted", ""));
        events.add(fault(pauseAt, "pause-worker", "injected", "agent-hang [worker-1] mode=pause"));
        events.add(service(pauseAt + 20, "worker-1", "paused", ""));
        events.add(fault(pauseAt + 150, "pause-worker", "verified", "[worker-1] paused"));
        events.add(fault(pauseAt + 60_000, "pause-worker", "reverted", ""));
        events.add(service(pauseAt + 60_010, "worker-1", "unpaused", ""));
        events.add(fault(outageAt, "broker-outage", "injected", "broker-outage [rabbitmq] mode=pause"));
        events.add(fault(outageAt + 300, "broker-outage", "verified", "[rabbitmq] paused"));
        events.add(fault(outageAt + 30_000, "broker-outage", "reverted", ""));
        int next = 0;
        events.sort(java.util.Comparator.comparingLong(SyntheticRun::timeOf));
        long end = lengthMs - 40_000;
        for (long t = 12_000; t <= end; t += SAMPLE_EVERY_MS) {
            while (next < events.size() && timeOf(events.get(next)) <= t) {
                line(out, events.get(next++));
            }
            for (String lane : LANES) {
                boolean ok = !failing(lane, t);
                line(out, "{\"t\":" + t + ",\"type\":\"sample\",\"lane\":\"" + lane + "\",\"ok\":" + ok
                        + ",\"status\":" + (ok ? 200 : 0) + ",\"latencyMs\":" + (2 + random.nextInt(20))
                        + (ok ? "" : ",\"detail\":\"" + lane.substring(lane.indexOf(':') + 1) + ": status 503\"")
                        + "}");
            }
        }
        line(out, "{\"t\":" + (lengthMs - 70_000) + ",\"type\":\"phase\",\"phase\":\"drain\"}");
        line(out, "{\"t\":" + (lengthMs - 50_000) + ",\"type\":\"phase\",\"phase\":\"recovery\"}");
        line(out, "{\"t\":" + (lengthMs - 40_000) + ",\"type\":\"phase\",\"phase\":\"state\"}");
        line(out, "{\"t\":" + (lengthMs - 38_000) + ",\"type\":\"phase\",\"phase\":\"stopping\"}");
    }

    private static long timeOf(String event) {
        int from = event.indexOf("\"t\":") + 4;
        return Long.parseLong(event.substring(from, event.indexOf(',', from)));
    }

    private static String fault(long t, String fault, String change, String detail) {
        return "{\"t\":" + t + ",\"type\":\"fault\",\"fault\":\"" + fault + "\",\"change\":\"" + change
                + "\",\"detail\":\"" + detail + "\"}";
    }

    private static String service(long t, String instance, String change, String detail) {
        return "{\"t\":" + t + ",\"type\":\"service\",\"instance\":\"" + instance + "\",\"change\":\"" + change
                + "\",\"detail\":\"" + detail + "\"}";
    }

    private void ledger(BufferedWriter out) throws IOException {
        long loadEnd = lengthMs - 70_000;
        int n = 0;
        for (long t = LOAD_FROM_MS; t < loadEnd; t += 1000 / ITEMS_PER_SECOND) {
            n++;
            boolean brokerDown = t >= outageAt && t < outageAt + 30_000;
            boolean refused = brokerDown ? random.nextInt(3) == 0 : random.nextInt(5_000) == 0;
            long latency = brokerDown ? 200 + random.nextInt(2_000)
                    : random.nextInt(100) == 0 ? 100 + random.nextInt(400) : 2 + random.nextInt(15);
            boolean lost = !refused && t >= killAt - 600 && t < killAt;
            String id = String.format("synthetic-%06d", n);
            line(out, "{\"id\":\"" + id + "\",\"sentAtMs\":" + t + ",\"answeredAtMs\":" + (t + latency)
                    + ",\"status\":" + (refused ? 503 : 202) + ",\"accepted\":" + !refused + ",\"latencyMs\":"
                    + latency + ",\"completions\":" + (refused || lost ? 0 : 1) + ",\"completedAtMs\":"
                    + (refused || lost ? -1 : t + 400) + "}");
        }
    }

    private static void line(BufferedWriter out, String line) throws IOException {
        out.write(line);
        out.newLine();
    }

    private String result() {
        long loadEnd = lengthMs - 70_000;
        long sent = (loadEnd - LOAD_FROM_MS) / (1000 / ITEMS_PER_SECOND);
        return """
                {
                  "scenario": "synthetic-hour", "run": "synthetic-hour-r1", "verdict": "FAILED",
                  "reason": "integrity.lost expected <= 0 but was 12", "exitCode": 1,
                  "startedAt": "2026-01-01T00:00:00Z", "finishedAt": "%s",
                  "description": "A made-up hour: three faults, six lanes sampled every 100 ms, 20 items a second.",
                  "topology": "support-desk", "seed": 7,
                  "services": {
                    "rabbitmq": {"image": "faultline/rabbitmq", "role": "broker", "instances": ["rabbitmq"]},
                    "postgres": {"image": "faultline/postgres", "role": "store", "instances": ["postgres"]},
                    "orchestrator": {"image": "faultline/agent", "role": "agent", "instances": ["orchestrator"]},
                    "worker": {"image": "faultline/agent", "role": "agent",
                      "instances": ["worker-0", "worker-1", "worker-2"]}
                  },
                  "faults": [
                    %s,
                    %s,
                    %s
                  ],
                  "objectives": [
                    {"name": "recovery[kill-worker]", "expected": "<= 15s", "actual": "3.1s", "met": true},
                    {"name": "recovery[pause-worker]", "expected": "<= 15s", "actual": "100ms", "met": true},
                    {"name": "recovery[broker-outage]", "expected": "<= 15s", "actual": "1.5s", "met": true},
                    {"name": "integrity.lost", "expected": "<= 0", "actual": "12", "met": false}
                  ],
                  "integrity": {"accepted": %d, "completed": %d, "lost": 12, "duplicated": 0, "rpoMs": 600,
                    "unknownCompleted": 0, "lossWindow": {"fromMs": %d, "toMs": %d},
                    "lostIds": [], "duplicatedIds": [], "drained": true},
                  "load": {"sent": %d, "accepted": %d, "errorRate": 0.003, "p50Ms": 9, "p95Ms": 16, "p99Ms": 420,
                    "throughputPerSec": 19.9, "startedAtMs": %d, "endedAtMs": %d, "drainedAtMs": %d,
                    "duringFaults": {"sent": 2400, "accepted": 2200, "errorRate": 0.083, "p50Ms": 10,
                      "p95Ms": 1700, "p99Ms": 2100, "throughputPerSec": 18.3}},
                  "sampling": {"everyMs": 100, "lateTicks": 0, "worstLagMs": 0, "probeSamples": 216000,
                    "extraProbes": 5400, "extraProbesPerSecond": 1.5}
                }
                """.formatted(java.time.Instant.parse("2026-01-01T00:00:00Z").plusMillis(lengthMs),
                faultJson("kill-worker", "agent-crash", "worker[0]", "worker-0", killAt, killAt + 30_000, 60, 3_100),
                faultJson("pause-worker", "agent-hang", "worker[1]", "worker-1", pauseAt, pauseAt + 60_000, 0,
                        60_100),
                faultJson("broker-outage", "broker-outage", "rabbitmq", "rabbitmq", outageAt, outageAt + 30_000, 0,
                        31_500),
                sent - 30, sent - 42, killAt - 600, killAt - 50, sent, sent - 30, LOAD_FROM_MS, loadEnd,
                loadEnd + 5_000);
    }

    private static String faultJson(String name, String type, String target, String instance, long injected,
                                     long reverted, long detect, long recovery) {
        return ("{\"name\": \"%s\", \"type\": \"%s\", \"target\": \"%s\", \"instances\": [\"%s\"],"
                + " \"injectedAtMs\": %d, \"revertedAtMs\": %d, \"lastActedAtMs\": %d, \"timeToDetectMs\": %d,"
                + " \"timeToDetectBoundMs\": 4, \"recoveryMs\": %d, \"recoveryBoundMs\": 9, \"recovered\": true,"
                + " \"recoveredAtMs\": %d, \"outageMs\": %d, \"outageBoundMs\": 13, \"error\": null,"
                + " \"probes\": {}}").formatted(name, type, target, instance, injected, reverted,
                injected, detect, recovery, injected + recovery, recovery - detect);
    }
}
