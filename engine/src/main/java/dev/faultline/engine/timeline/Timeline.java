package dev.faultline.engine.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every sample and every event of one run, in arrival order. Thread-safe; listeners see each event as it is
 * recorded (live progress, the JSONL writer, halt conditions).
 */
public final class Timeline {
    private final long originNanos;
    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<Consumer<TimelineEvent>> listeners = new CopyOnWriteArrayList<>();

    public Timeline() {
        this(System.nanoTime());
    }

    public Timeline(long originNanos) {
        this.originNanos = originNanos;
    }

    /** Milliseconds since the run started. */
    public long now() {
        return (System.nanoTime() - originNanos) / 1_000_000;
    }

    public long originNanos() {
        return originNanos;
    }

    public void record(TimelineEvent event) {
        synchronized (events) {
            events.add(event);
        }
        for (Consumer<TimelineEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    public void onEvent(Consumer<TimelineEvent> listener) {
        listeners.add(listener);
    }

    public List<TimelineEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public <E extends TimelineEvent> List<E> events(Class<E> type, Predicate<E> filter) {
        List<E> out = new ArrayList<>();
        for (TimelineEvent e : events()) {
            if (type.isInstance(e) && filter.test(type.cast(e))) {
                out.add(type.cast(e));
            }
        }
        out.sort(java.util.Comparator.comparingLong(TimelineEvent::t));
        return out;
    }

    /** Samples of one lane, in time order. */
    public List<TimelineEvent.Sample> samples(Lane lane) {
        return events(TimelineEvent.Sample.class, s -> s.lane().equals(lane));
    }

    public List<Lane> lanes() {
        return events(TimelineEvent.Sample.class, s -> true).stream().map(TimelineEvent.Sample::lane).distinct().toList();
    }
}
