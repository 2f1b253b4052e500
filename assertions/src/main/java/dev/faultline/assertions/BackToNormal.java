package dev.faultline.assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;

/**
 * The two windows {@code back-to-normal} compares, cut from a run's ledger into one-second blocks, and their
 * comparison by {@link BlockBootstrap}.
 *
 * <p><b>Before</b>: the last {@code window} of load before the first injection (less when the load started later),
 * cut to whole seconds ending at the injection. <b>After</b>: from {@code settle} after the last recovery point (the
 * latest {@code recoveredAtMs} of the injected faults) for {@code window}, cut to the end of the load and to whole
 * seconds. Latency and error rate count the items by the time they were submitted; throughput counts the items done
 * in the window, whenever submitted.
 */
public final class BackToNormal {
    /** Blocks each window must hold at least. */
    public static final int MIN_BLOCKS = 3;
    static final long BLOCK_MS = 1000;

    private BackToNormal() {
    }

    /** When an item is done, and its latency. */
    public enum Basis {
        /** Its HTTP answer: latency submitted → answered; done when answered 2xx. */
        ANSWER("answer"),
        /** Its completion: latency submitted → first seen completed; done then. Errors have no latency. */
        COMPLETION("completion");

        private final String key;

        Basis(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The item's latency, {@link BlockBootstrap.Block#NEVER} when it was never done, -1 when it has none. */
        long latencyMs(Ledger.WorkItem item) {
            if (this == ANSWER) {
                return item.answeredAt() < 0 ? BlockBootstrap.Block.NEVER : item.latencyMs();
            }
            if (!item.accepted()) {
                return -1;
            }
            return item.firstCompletedAt() < 0 ? BlockBootstrap.Block.NEVER
                    : Math.max(0, item.firstCompletedAt() - item.submittedAt());
        }

        /** When the item was done, -1 when never. */
        long doneAt(Ledger.WorkItem item) {
            if (!item.accepted()) {
                return -1;
            }
            return this == ANSWER ? item.answeredAt() : item.firstCompletedAt();
        }
    }

    /** A window on the timeline, {@code [fromMs, toMs)}, whole blocks from {@code fromMs}. */
    public record Window(long fromMs, long toMs) {
        public int blocks() {
            return (int) ((toMs - fromMs) / BLOCK_MS);
        }
    }

    /**
     * The windows of a run, or why there are none.
     *
     * @param before null when there is no usable window ({@code problem} says why)
     * @param after  null when there is no usable window
     * @param problem null when both windows hold at least {@link #MIN_BLOCKS} blocks
     */
    public record Windows(Window before, Window after, String problem) {
    }

    /** Places the windows; {@code windowMs} and {@code settleMs} as configured. */
    public static Windows windows(RunRecord run, Measurements figures, long windowMs, long settleMs) {
        List<FaultMeasure> injected = figures.faults().stream().filter(FaultMeasure::injected).toList();
        if (run.loadStart() < 0) {
            return new Windows(null, null, "no load ran");
        }
        if (injected.isEmpty()) {
            return new Windows(null, null, "no fault was injected");
        }
        long firstInjection = injected.stream().mapToLong(FaultMeasure::injectedAt).min().orElseThrow();
        long from = Math.max(run.loadStart(), firstInjection - windowMs);
        long beforeBlocks = Math.max(0, (firstInjection - from) / BLOCK_MS);
        Window before = new Window(firstInjection - beforeBlocks * BLOCK_MS, firstInjection);
        List<String> notRecovered = injected.stream().filter(f -> !f.recovered()).map(FaultMeasure::name).toList();
        if (!notRecovered.isEmpty()) {
            return new Windows(before, null, "not recovered: " + String.join(", ", notRecovered));
        }
        long lastRecovery = injected.stream().mapToLong(FaultMeasure::recoveredAt).max().orElseThrow();
        long afterFrom = lastRecovery + settleMs;
        long loadEnd = run.loadEnd() < 0 ? afterFrom : run.loadEnd();
        long afterTo = Math.min(afterFrom + windowMs, loadEnd);
        long afterBlocks = Math.max(0, (afterTo - afterFrom) / BLOCK_MS);
        Window after = new Window(afterFrom, afterFrom + afterBlocks * BLOCK_MS);
        if (before.blocks() < MIN_BLOCKS) {
            return new Windows(before, after, "only " + before.blocks() + "s of load before the first fault (needs "
                    + MIN_BLOCKS + "s)");
        }
        if (after.blocks() < MIN_BLOCKS) {
            return new Windows(before, after, "only " + after.blocks() + "s of load from settle after the last "
                    + "recovery to the end of the load (needs " + MIN_BLOCKS + "s)");
        }
        return new Windows(before, after, null);
    }

    /** The window's blocks, read from the run's ledger. */
    public static List<BlockBootstrap.Block> blocks(RunRecord run, Window window, Basis basis) {
        int n = window.blocks();
        List<List<Long>> latencies = new ArrayList<>(n);
        int[] sent = new int[n];
        int[] errors = new int[n];
        int[] done = new int[n];
        for (int i = 0; i < n; i++) {
            latencies.add(new ArrayList<>());
        }
        for (Ledger.WorkItem item : run.ledger()) {
            int submitted = index(window, item.submittedAt());
            if (submitted >= 0) {
                sent[submitted]++;
                if (!item.accepted()) {
                    errors[submitted]++;
                }
                long latency = basis.latencyMs(item);
                if (latency >= 0) {
                    latencies.get(submitted).add(latency);
                }
            }
            long doneAt = basis.doneAt(item);
            int doneIn = doneAt < 0 ? -1 : index(window, doneAt);
            if (doneIn >= 0) {
                done[doneIn]++;
            }
        }
        List<BlockBootstrap.Block> blocks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] values = latencies.get(i).stream().mapToLong(Long::longValue).toArray();
            blocks.add(new BlockBootstrap.Block(values, sent[i], errors[i], done[i]));
        }
        return blocks;
    }

    private static int index(Window window, long t) {
        if (t < window.fromMs() || t >= window.toMs()) {
            return -1;
        }
        return (int) ((t - window.fromMs()) / BLOCK_MS);
    }

    /**
     * The comparison of a run: the windows, and each metric's outcome, or why nothing was compared (the windows
     * unusable, or a window without a submitted item).
     *
     * @param outcomes empty when {@code problem} is not null
     */
    public record Judgement(Windows windows, String problem, Map<BlockBootstrap.Metric, BlockBootstrap.Outcome> outcomes) {
        public Judgement {
            outcomes = Map.copyOf(outcomes);
        }
    }

    /** Places the windows, reads their blocks and compares them: the one definition YAML, Java and reports use. */
    public static Judgement judge(RunRecord run, Measurements figures, long windowMs, long settleMs, Basis basis,
                                  BlockBootstrap test) {
        Windows windows = windows(run, figures, windowMs, settleMs);
        if (windows.problem() != null) {
            return new Judgement(windows, windows.problem(), Map.of());
        }
        List<BlockBootstrap.Block> before = blocks(run, windows.before(), basis);
        List<BlockBootstrap.Block> after = blocks(run, windows.after(), basis);
        if (before.stream().mapToInt(BlockBootstrap.Block::sent).sum() == 0) {
            return new Judgement(windows, "no item submitted in the window before the first fault", Map.of());
        }
        if (after.stream().mapToInt(BlockBootstrap.Block::sent).sum() == 0) {
            return new Judgement(windows, "no item submitted in the window after the last recovery", Map.of());
        }
        return new Judgement(windows, null, test.compare(before, after, run.scenario().seed()));
    }
}
