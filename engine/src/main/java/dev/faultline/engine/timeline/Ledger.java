package dev.faultline.engine.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every work item the load submitted: when it was sent, how it was answered (2xx = accepted), and how many times
 * the system under test reports it completed. Times are milliseconds on the run's {@link Timeline} clock.
 * Thread-safe.
 */
public final class Ledger {
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, Integer> unknownCompletions = new LinkedHashMap<>();

    public synchronized void submitted(String id, long t) {
        if (items.putIfAbsent(id, new Item(id, t)) != null) {
            throw new IllegalStateException("work item " + id + " submitted twice");
        }
    }

    /** The submit answered: {@code status} is the HTTP status, or -1 with {@code error} when none came. */
    public synchronized void answered(String id, long t, int status, String error) {
        Item item = items.get(id);
        if (item == null) {
            throw new IllegalStateException("work item " + id + " answered but never submitted");
        }
        item.answeredAt = t;
        item.status = status;
        item.error = error;
    }

    /** One read of the system's completed work: id -> how many times it completed. */
    public synchronized void completions(Map<String, Integer> counts, long t) {
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Item item = items.get(e.getKey());
            if (item == null) {
                unknownCompletions.put(e.getKey(), e.getValue());
                continue;
            }
            if (e.getValue() > 0 && item.firstCompletedAt < 0) {
                item.firstCompletedAt = t;
            }
            item.completions = Math.max(item.completions, e.getValue());
        }
    }

    public synchronized List<WorkItem> items() {
        List<WorkItem> out = new ArrayList<>(items.size());
        for (Item i : items.values()) {
            out.add(new WorkItem(i.id, i.submittedAt, i.answeredAt, i.status, i.error, i.completions, i.firstCompletedAt));
        }
        return out;
    }

    /** Completed ids the load never submitted (the system invented or mixed up work). */
    public synchronized Map<String, Integer> unknownCompletions() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(unknownCompletions));
    }

    public synchronized long acceptedCount() {
        return items.values().stream().filter(i -> i.status >= 200 && i.status < 300).count();
    }

    /** Accepted items not yet reported complete. */
    public synchronized long pendingCount() {
        return items.values().stream().filter(i -> i.status >= 200 && i.status < 300 && i.completions == 0).count();
    }

    /**
     * One work item. {@code answeredAt} is -1 until answered; {@code status} -1 when no HTTP answer came;
     * {@code firstCompletedAt} -1 until it is seen complete.
     */
    public record WorkItem(String id, long submittedAt, long answeredAt, int status, String error, int completions,
                           long firstCompletedAt) {
        public boolean accepted() {
            return status >= 200 && status < 300;
        }

        public long latencyMs() {
            return answeredAt < 0 ? -1 : answeredAt - submittedAt;
        }
    }

    private static final class Item {
        final String id;
        final long submittedAt;
        long answeredAt = -1;
        int status = 0;
        String error;
        int completions;
        long firstCompletedAt = -1;

        Item(String id, long submittedAt) {
            this.id = id;
            this.submittedAt = submittedAt;
        }
    }
}
