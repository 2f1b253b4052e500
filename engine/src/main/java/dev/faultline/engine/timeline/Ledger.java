package dev.faultline.engine.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every work item the load submitted: when it was sent, how it was answered (2xx = accepted), and how many times
 * the system under test reports it completed. Times are milliseconds on the run's {@link Timeline} clock.
 * Thread-safe.
 *
 * <p>Sized for long runs (a day at thousands of items a second): items are numbered in submission order and their
 * figures kept in chunked primitive arrays, 15 bytes an item. An id is not stored when it is the load driver's
 * {@code <prefix>-<seq>} with {@code seq} its submission number (at least 6 digits, zero-padded); other ids are kept
 * aside. Errors are kept once per distinct message ({@value #MAX_ERRORS} at most), completions of ids never
 * submitted up to {@value #MAX_UNKNOWN} ids (then only counted). Nothing is ever copied whole: {@link #forEach}
 * and {@link #iterator} hand out one {@link WorkItem} view at a time, and the counts are kept as items change.
 */
public final class Ledger implements Iterable<Ledger.WorkItem> {
    /** Distinct error messages kept, {@link #OTHER_ERROR} included; further ones read as that. */
    public static final int MAX_ERRORS = 1_000;
    /** Ids completed but never submitted, kept by id; beyond, they are only counted. */
    public static final int MAX_UNKNOWN = 10_000;
    /** The error of an item whose message came after {@link #MAX_ERRORS} distinct ones. */
    public static final String OTHER_ERROR = "(one of more than " + MAX_ERRORS + " distinct errors; not kept)";
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MAX_COMPLETIONS = 255;
    /** {@code status} of an item not answered yet; -1 is "no HTTP answer, no error given". */
    private static final short UNANSWERED = 0;
    private static final short NO_ANSWER = -1;
    /** Statuses at or below this are errors: {@code ERROR_BASE - index} into {@link #errors}. */
    private static final short ERROR_BASE = -2;

    private final List<Chunk> chunks = new ArrayList<>();
    private int size;
    /** The driver's id prefix, taken from the first item whose id is {@code <prefix>-<its seq>}. */
    private String prefix;
    /** Items whose id is not {@code <prefix>-<seq>}: id to index and back. */
    private final Map<String, Integer> otherIds = new HashMap<>();
    private final Map<Integer, String> otherIdsByIndex = new HashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final Map<String, Integer> errorIndex = new HashMap<>();
    private final Map<String, Integer> unknownCompletions = new LinkedHashMap<>();
    private long unknownBeyondBound;
    private long accepted;
    private long acceptedCompleted;

    public synchronized void submitted(String id, long t) {
        if (indexOf(id) >= 0) {
            throw new IllegalStateException("work item " + id + " submitted twice");
        }
        int index = size;
        if (index == Integer.MAX_VALUE) {
            throw new IllegalStateException("work item " + id + ": the ledger holds " + index + " items, its most");
        }
        if (!isDriverId(id, index)) {
            otherIds.put(id, index);
            otherIdsByIndex.put(index, id);
        }
        if ((index & (CHUNK - 1)) == 0) {
            chunks.add(new Chunk());
        }
        Chunk c = chunks.get(index >>> CHUNK_BITS);
        int i = index & (CHUNK - 1);
        c.submittedAt[i] = ms(t, id, "submitted at");
        c.answeredAt[i] = -1;
        c.firstCompletedAt[i] = -1;
        size++;
    }

    /**
     * The submit answered: {@code status} is the HTTP status, or -1 with {@code error} when none came (an error is
     * only kept with -1).
     */
    public synchronized void answered(String id, long t, int status, String error) {
        int index = indexOf(id);
        if (index < 0) {
            throw new IllegalStateException("work item " + id + " answered but never submitted");
        }
        if (status < -1 || status > Short.MAX_VALUE) {
            throw new IllegalArgumentException("work item " + id + " status: expected -1 or an HTTP status but was "
                    + status);
        }
        if (error != null && status != -1) {
            throw new IllegalArgumentException("work item " + id + " error: expected only with status -1 but status was "
                    + status);
        }
        Chunk c = chunks.get(index >>> CHUNK_BITS);
        int i = index & (CHUNK - 1);
        boolean wasAccepted = accepted(c.status[i]);
        c.answeredAt[i] = ms(t, id, "answered at");
        c.status[i] = error == null ? (short) status : (short) (ERROR_BASE - error(error));
        boolean isAccepted = accepted(c.status[i]);
        if (wasAccepted != isAccepted) {
            long change = isAccepted ? 1 : -1;
            accepted += change;
            if (c.completions[i] != 0) {
                acceptedCompleted += change;
            }
        }
    }

    /** One read of the system's completed work: id -> how many times it completed. */
    public synchronized void completions(Map<String, Integer> counts, long t) {
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            completed(e.getKey(), e.getValue(), t);
        }
    }

    /**
     * One id of a read of the system's completed work: it completed {@code count} times so far, as read at {@code t}.
     * The item keeps the most completions any read reported (up to {@value #MAX_COMPLETIONS}) and the first time
     * one reported any.
     */
    public synchronized void completed(String id, int count, long t) {
        int index = indexOf(id);
        if (index < 0) {
            if (unknownCompletions.containsKey(id) || unknownCompletions.size() < MAX_UNKNOWN) {
                unknownCompletions.put(id, count);
            } else {
                unknownBeyondBound++;
            }
            return;
        }
        Chunk c = chunks.get(index >>> CHUNK_BITS);
        int i = index & (CHUNK - 1);
        if (count > 0 && c.firstCompletedAt[i] < 0) {
            c.firstCompletedAt[i] = ms(t, id, "completed at");
        }
        int before = c.completions[i] & 0xff;
        int now = Math.max(before, Math.min(count, MAX_COMPLETIONS));
        c.completions[i] = (byte) now;
        if (before == 0 && now > 0 && accepted(c.status[i])) {
            acceptedCompleted++;
        }
    }

    /** A saved item as it was (reading {@code ledger.jsonl}): submitted, answered and completed at once. */
    synchronized void restore(WorkItem item) {
        submitted(item.id(), item.submittedAt());
        if (item.answeredAt() >= 0 || item.status() != 0 || item.error() != null) {
            answered(item.id(), item.answeredAt(), item.status(), item.error());
        }
        if (item.completions() > 0) {
            completed(item.id(), item.completions(), item.firstCompletedAt());
        }
    }

    /** Items submitted so far. */
    public synchronized int size() {
        return size;
    }

    /** The item submitted {@code index}-th (from 0). */
    public synchronized WorkItem item(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("item " + index + " of " + size);
        }
        Chunk c = chunks.get(index >>> CHUNK_BITS);
        int i = index & (CHUNK - 1);
        short status = c.status[i];
        return new WorkItem(id(index), c.submittedAt[i], c.answeredAt[i], status <= ERROR_BASE ? -1 : status,
                status <= ERROR_BASE ? errors.get(ERROR_BASE - status) : null, c.completions[i] & 0xff,
                c.firstCompletedAt[i]);
    }

    /**
     * Every item submitted when the iteration began, in submission order, a view at a time. The lock is taken a
     * chunk at a time, never held while {@code action} runs.
     */
    @Override
    public void forEach(Consumer<? super WorkItem> action) {
        for (WorkItem item : this) {
            action.accept(item);
        }
    }

    @Override
    public Iterator<WorkItem> iterator() {
        return iterator(size());
    }

    /** The first {@code end} items, in submission order. */
    private Iterator<WorkItem> iterator(int end) {
        return new Iterator<>() {
            private final List<WorkItem> batch = new ArrayList<>();
            private int next;
            private int taken;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public WorkItem next() {
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                if (taken == batch.size()) {
                    fill(next, Math.min(end, next + 4096), batch);
                    taken = 0;
                }
                next++;
                return batch.get(taken++);
            }
        };
    }

    private synchronized void fill(int from, int to, List<WorkItem> batch) {
        batch.clear();
        for (int index = from; index < to; index++) {
            batch.add(item(index));
        }
    }

    /**
     * {@link #iterator} as a sequential stream: every item submitted when it was called. Its size is read once, so
     * items submitted while it is made or read are not in it.
     */
    public Stream<WorkItem> stream() {
        int end = size();
        return StreamSupport.stream(Spliterators.spliterator(iterator(end), end,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
    }

    /**
     * Completed ids the load never submitted (the system invented or mixed up work): the first {@value #MAX_UNKNOWN}
     * ids, see {@link #unknownBeyondBound()} for the rest.
     */
    public synchronized Map<String, Integer> unknownCompletions() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(unknownCompletions));
    }

    /** Completion reports of unknown ids past the first {@value #MAX_UNKNOWN} ids (counted, not kept). */
    public synchronized long unknownBeyondBound() {
        return unknownBeyondBound;
    }

    public synchronized long acceptedCount() {
        return accepted;
    }

    /** Accepted items not yet reported complete. */
    public synchronized long pendingCount() {
        return accepted - acceptedCompleted;
    }

    private static boolean accepted(short status) {
        return status >= 200 && status < 300;
    }

    /** The index of the item {@code id}, or -1 when never submitted. */
    private int indexOf(String id) {
        int bySeq = driverIndex(id);
        if (bySeq >= 0 && bySeq < size && !otherIdsByIndex.containsKey(bySeq)) {
            return bySeq;
        }
        Integer other = otherIds.get(id);
        return other == null ? -1 : other;
    }

    private String id(int index) {
        String other = otherIdsByIndex.get(index);
        return other != null ? other : driverId(prefix, index + 1L);
    }

    /** Whether {@code id} is {@code <prefix>-<index + 1>}, taking the prefix from the first such id. */
    private boolean isDriverId(String id, int index) {
        int dash = id.lastIndexOf('-');
        if (dash <= 0) {
            return false;
        }
        if (prefix == null) {
            String candidate = id.substring(0, dash);
            if (id.equals(driverId(candidate, index + 1L))) {
                prefix = candidate;
                return true;
            }
            return false;
        }
        return driverIndex(id) == index;
    }

    /** {@code seq - 1} when {@code id} is exactly {@code <prefix>-<seq>} as the driver writes it, else -1. */
    private int driverIndex(String id) {
        if (prefix == null || id.length() < prefix.length() + 7 || !id.startsWith(prefix)
                || id.charAt(prefix.length()) != '-') {
            return -1;
        }
        int from = prefix.length() + 1;
        int digits = id.length() - from;
        if (digits > 10 || (digits > 6 && id.charAt(from) == '0')) {
            return -1;
        }
        long seq = 0;
        for (int k = from; k < id.length(); k++) {
            char ch = id.charAt(k);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            seq = seq * 10 + (ch - '0');
        }
        return seq >= 1 && seq <= Integer.MAX_VALUE ? (int) (seq - 1) : -1;
    }

    /** The driver's id of item {@code seq}: {@code <prefix>-<seq, at least 6 digits>}. */
    public static String driverId(String prefix, long seq) {
        String digits = Long.toString(seq);
        StringBuilder id = new StringBuilder(prefix.length() + 1 + Math.max(6, digits.length())).append(prefix)
                .append('-');
        for (int pad = digits.length(); pad < 6; pad++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }

    private int error(String message) {
        Integer known = errorIndex.get(message);
        if (known != null) {
            return known;
        }
        if (errors.size() >= MAX_ERRORS - 1 && !message.equals(OTHER_ERROR)) {
            return error(OTHER_ERROR); // the last place is for every further message
        }
        errors.add(message);
        errorIndex.put(message, errors.size() - 1);
        return errors.size() - 1;
    }

    private static int ms(long t, String id, String what) {
        if (t < Integer.MIN_VALUE || t > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("work item " + id + " " + what + ": expected a time within 24 days of"
                    + " the run's start but was " + t + " ms");
        }
        return (int) t;
    }

    /** {@value #CHUNK} items' figures. */
    private static final class Chunk {
        final int[] submittedAt = new int[CHUNK];
        final int[] answeredAt = new int[CHUNK];
        final int[] firstCompletedAt = new int[CHUNK];
        final short[] status = new short[CHUNK];
        final byte[] completions = new byte[CHUNK];
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
}
