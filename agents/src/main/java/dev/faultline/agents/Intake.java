package dev.faultline.agents;

import com.rabbitmq.client.AMQP;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before any work, what a worker does with one delivery.
 *
 * <p>With safeguards a delivery must pass its {@link Integrity} check. One that fails is sent back to the queue: the
 * broker's copy is intact, the bits flipped on this link, and the next delivery (maybe to another worker) will most
 * likely be clean. Only when the very same corrupt content (same {@link Integrity#fingerprint}) has come back
 * {@link #SAME_CORRUPTION_LIMIT} times is the message corrupt at the source, and rejected for good: bits flipped in
 * transit land somewhere else each time, so they never add up to that, however long a link stays noisy.
 *
 * <p>{@code DEAD_LETTER=off} (a negative control) never rejects: content corrupt at the source is sent back to the
 * queue however often it comes back ({@link Action#RECYCLE}), so a poison message cycles for ever.
 *
 * <p>Without safeguards nothing is checked: the task id is whatever the body says, and a body that does not parse is
 * dropped.
 */
final class Intake {
    /** Identical corrupt deliveries of one message before it is taken to be corrupt at the source. */
    static final int SAME_CORRUPTION_LIMIT = 5;
    /** Corrupt contents remembered (least recently seen forgotten first). */
    static final int REMEMBERED = 1024;

    /** What to do with a delivery. */
    enum Action {
        /** Work on it and record its completion under {@link Decision#taskId}. */
        PROCESS,
        /** Corrupted in transit: send it back to the queue (nack, requeue). */
        REQUEUE,
        /** Corrupt at the source: reject it without requeue (dead-lettered if the queue has a dead-letter exchange). */
        DISCARD,
        /**
         * Corrupt at the source, but {@code DEAD_LETTER=off}: sent back to the queue all the same (nack, requeue), so
         * it comes back for ever.
         */
        RECYCLE,
        /** Unsafe only: the body does not parse, so the task is silently lost. */
        DROP
    }

    /**
     * One decision. {@code taskId} is the id to record for {@link Action#PROCESS}, otherwise the id as far as it can
     * be read (for logs); {@code problem} is why the delivery was not processed, absent for {@link Action#PROCESS}.
     * {@code timesSeen} is how often this exact corrupt content has arrived (0 unless the delivery failed its check).
     */
    record Decision(Action action, String taskId, Optional<Integrity.Problem> problem, int timesSeen) {
        static Decision process(String taskId) {
            return new Decision(Action.PROCESS, taskId, Optional.empty(), 0);
        }
    }

    private final boolean safeguards;
    private final boolean deadLetter;
    private final int sameCorruptionLimit;
    private final Map<String, Integer> corruptSeen;

    Intake(boolean safeguards, int sameCorruptionLimit, int remembered) {
        this(safeguards, true, sameCorruptionLimit, remembered);
    }

    Intake(boolean safeguards, boolean deadLetter, int sameCorruptionLimit, int remembered) {
        if (sameCorruptionLimit < 1) {
            throw new IllegalArgumentException("sameCorruptionLimit must be at least 1, but was " + sameCorruptionLimit);
        }
        if (remembered < 1) {
            throw new IllegalArgumentException("remembered must be at least 1, but was " + remembered);
        }
        this.safeguards = safeguards;
        this.deadLetter = deadLetter;
        this.sameCorruptionLimit = sameCorruptionLimit;
        this.corruptSeen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > remembered;
            }
        };
    }

    /** The intake of a worker with or without safeguards, with the default limits. */
    static Intake of(boolean safeguards) {
        return new Intake(safeguards, SAME_CORRUPTION_LIMIT, REMEMBERED);
    }

    /** The intake a worker's configuration asks for ({@code SAFEGUARDS}, {@code DEAD_LETTER}). */
    static Intake of(AgentConfig config) {
        return new Intake(config.safeguards(), config.switches().deadLetter(), SAME_CORRUPTION_LIMIT, REMEMBERED);
    }

    Decision decide(AMQP.BasicProperties properties, byte[] body) {
        if (!safeguards) {
            return TaskMessage.bodyId(body == null ? new byte[0] : body)
                    .map(Decision::process)
                    .orElseGet(() -> new Decision(Action.DROP, "?", Optional.of(Integrity.Problem.NOT_A_TASK), 0));
        }
        Integrity.Verdict verdict = Integrity.verify(properties, body);
        if (verdict instanceof Integrity.Intact intact) {
            return Decision.process(intact.taskId());
        }
        Integrity.Corrupt corrupt = (Integrity.Corrupt) verdict;
        int seen = recordCorrupt(Integrity.fingerprint(properties, body));
        Action action = seen < sameCorruptionLimit ? Action.REQUEUE : deadLetter ? Action.DISCARD : Action.RECYCLE;
        return new Decision(action, corrupt.readableId(), Optional.of(corrupt.problem()), seen);
    }

    /** Counts one more arrival of this corrupt content; returns how many times it has arrived. */
    private synchronized int recordCorrupt(String fingerprint) {
        return corruptSeen.merge(fingerprint, 1, Integer::sum);
    }
}
