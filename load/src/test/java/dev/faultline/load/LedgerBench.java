package dev.faultline.load;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.measure.Latencies;
import dev.faultline.engine.timeline.Ledger;

/**
 * The ledger's and the drain's costs, printed (load/bench/ledger-bench.sh runs each mode in a JVM of its own):
 * <ul>
 * <li>{@code memory N}: heap used after a full GC per accepted item, for N items submitted, answered and completed,
 *     then one pass over every item as the objectives make;</li>
 * <li>{@code ops N}: time per item to submit, answer and complete;</li>
 * <li>{@code drain N K}: time and allocation of one read of the results holding N completed ids, parsed whole as a
 *     String (before) and streamed (now), and of an incremental read of K changed ids.</li>
 * </ul>
 */
public final class LedgerBench {
    private static final String RUN = "ledger-bench-20261202T040000Z";
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private LedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "memory" -> memory(Long.parseLong(args[1]));
            case "ops" -> ops(Integer.parseInt(args[1]));
            case "drain" -> drain(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("mode: expected memory, ops or drain but was " + args[0]);
        }
    }

    private static void memory(long n) {
        long before = usedAfterGc();
        long began = System.nanoTime();
        Ledger ledger = new Ledger();
        for (long seq = 1; seq <= n; seq++) {
            String id = Ledger.driverId(RUN, seq);
            int t = (int) (seq / 2); // 2,000 items a second
            ledger.submitted(id, t);
            ledger.answered(id, t + 12, 202, null);
            ledger.completed(id, 1, t + 700);
        }
        long filled = System.nanoTime();
        long used = usedAfterGc() - before;
        long accepted = 0;
        Latencies latencies = new Latencies();
        for (Ledger.WorkItem item : ledger) {
            if (item.accepted()) {
                accepted++;
            }
            latencies.add(item.latencyMs());
        }
        long passed = System.nanoTime();
        System.out.printf("memory: %,d items in -Xmx%s: %,d bytes of heap after GC = %.2f bytes per accepted item"
                        + " (filled in %.1f s, %.0f ns/item; one pass over all in %.1f s; accepted %,d, p99 %d ms)%n",
                n, maxHeap(), used, (double) used / accepted, (filled - began) / 1e9, (filled - began) / (double) n,
                (passed - filled) / 1e9, accepted, latencies.percentile(99));
    }

    private static void ops(int n) {
        String[] ids = new String[n];
        for (int k = 0; k < n; k++) {
            ids[k] = Ledger.driverId(RUN, k + 1L);
        }
        for (int round = 0; round < 3; round++) { // the first two warm the JIT
            Ledger ledger = new Ledger();
            long t0 = System.nanoTime();
            for (int k = 0; k < n; k++) {
                ledger.submitted(ids[k], k / 2);
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < n; k++) {
                ledger.answered(ids[k], k / 2 + 12, 202, null);
            }
            long t2 = System.nanoTime();
            for (int k = 0; k < n; k++) {
                ledger.completed(ids[k], 1, k / 2 + 700);
            }
            long t3 = System.nanoTime();
            if (round == 2) {
                System.out.printf("ops: %,d items: submit %.0f ns, answer %.0f ns, complete %.0f ns per item%n", n,
                        (t1 - t0) / (double) n, (t2 - t1) / (double) n, (t3 - t2) / (double) n);
            }
        }
    }

    private static void drain(int n, int changed) throws IOException {
        Ledger ledger = new Ledger();
        for (long seq = 1; seq <= n; seq++) {
            String id = Ledger.driverId(RUN, seq);
            ledger.submitted(id, 0);
            ledger.answered(id, 1, 202, null);
        }
        byte[] full = answer(1, n);
        byte[] delta = answer(n - changed + 1, n);
        System.out.printf("drain: a results answer of %,d ids is %,d bytes; of %,d ids %,d bytes%n", n, full.length,
                changed, delta.length);
        boolean wholeFits = true;
        for (int round = 0; round < 4; round++) {
            Measure before = null;
            if (wholeFits) {
                try {
                    before = measure(() -> wholeString(full, ledger));
                } catch (OutOfMemoryError e) {
                    wholeFits = false;
                }
            }
            Measure streamed = measure(() -> ResultsReader.readCompleted(new ByteArrayInputStream(full), ledger, 5));
            Measure incremental = measure(() -> ResultsReader.readCompleted(new ByteArrayInputStream(delta), ledger, 5));
            if (round == 3) {
                if (before != null) {
                    System.out.printf("drain: one full read of %,d completed ids, whole String + tree (before): %.0f"
                            + " ms, %,d MB allocated%n", n, before.ms, before.bytes >> 20);
                } else {
                    System.out.printf("drain: one full read of %,d completed ids, whole String + tree (before): out of"
                            + " memory in -Xmx%s%n", n, maxHeap());
                }
                System.out.printf("drain: one full read of %,d completed ids, streamed (now): %.0f ms, %,d MB"
                        + " allocated%n", n, streamed.ms, streamed.bytes >> 20);
                System.out.printf("drain: one incremental read of %,d changed ids (now, every read once the endpoint"
                        + " gives a cursor): %.2f ms, %,d KB allocated%n", changed, incremental.ms,
                        incremental.bytes >> 10);
            }
        }
    }

    /** The drain's read as it was: the whole body as a String, a tree, then a map of every id. */
    private static void wholeString(byte[] body, Ledger ledger) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode root = new ObjectMapper().readTree(text);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode entry : root.get("completed")) {
            counts.merge(entry.get("id").asText(), entry.get("count").asInt(), Math::max);
        }
        ledger.completions(counts, 5);
    }

    private static byte[] answer(long fromSeq, long toSeq) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("completed");
            for (long seq = fromSeq; seq <= toSeq; seq++) {
                json.writeStartObject();
                json.writeStringField("id", Ledger.driverId(RUN, seq));
                json.writeNumberField("count", 1);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("cursor", toSeq + ".0");
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private record Measure(double ms, long bytes) {
    }

    @FunctionalInterface
    private interface Read {
        void run() throws IOException;
    }

    private static Measure measure(Read read) throws IOException {
        long thread = Thread.currentThread().getId();
        long allocated = THREADS.getThreadAllocatedBytes(thread);
        long began = System.nanoTime();
        read.run();
        long took = System.nanoTime() - began;
        return new Measure(took / 1e6, THREADS.getThreadAllocatedBytes(thread) - allocated);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String maxHeap() {
        return (Runtime.getRuntime().maxMemory() >> 20) + "m";
    }
}
