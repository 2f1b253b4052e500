package dev.faultline.injectors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;

/**
 * {@code data-corruption} of kind {@code poison-messages}: {@code count} malformed messages are published at once to
 * a queue of the target broker, through the broker's own protocol (its adapter), each marked with the fault's name
 * ({@link dev.faultline.engine.spi.BrokerAdapter#MARK_HEADER}). The bodies take turns among six kinds of malformed:
 * not JSON, truncated JSON, JSON without an id, JSON whose fields have the wrong types, invalid UTF-8, and empty.
 * Verified when the broker confirmed every one and returned none as unroutable. Instantaneous: the messages stay on
 * the queue for its consumers to deal with; the revert closes the connection, with nothing to take back.
 */
public final class PoisonMessages implements Fault {
    /** The most messages one fault publishes. */
    public static final int MAX_COUNT = 10_000;
    /** How many kinds of malformed body take turns. */
    static final int SHAPES = 6;

    private final int count;
    private final BrokerQueue queue;

    PoisonMessages(int count, BrokerQueue queue) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be from 1 to " + MAX_COUNT + ", but was " + count);
        }
        if (queue == null) {
            throw new IllegalArgumentException("queue must not be null");
        }
        this.count = count;
        this.queue = queue;
    }

    int count() {
        return count;
    }

    BrokerQueue queue() {
        return queue;
    }

    /** The malformed bodies, the same each time: message {@code i} takes shape {@code i % 6}. */
    static List<byte[]> bodies(int count) {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(body(i));
        }
        return bodies;
    }

    /** Message {@code i}'s body. */
    static byte[] body(int i) {
        return switch (i % SHAPES) {
            case 0 -> utf8("faultline poison " + i + ": not JSON at all");
            case 1 -> utf8("{\"id\": \"faultline-poison-" + i + "\", \"payload\": {\"text\": \"cut he");
            case 2 -> utf8("{\"payload\": {\"text\": \"faultline poison " + i + " has no id\"}}");
            case 3 -> utf8("{\"id\": " + i + ", \"payload\": \"faultline poison: the id is a number\"}");
            case 4 -> new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF,
                    (byte) 0xFE, (byte) (i & 0x7F), '"', '}'};
            default -> new byte[0];
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Fault.Handle handle(FaultContext context) {
        return new PoisonRun(context, queue.adapterFor(context), queue, count);
    }

    @Override
    public boolean instantaneous() {
        return true;
    }

    @Override
    public Optional<String> unsuitableIn(Topology topology, ServiceSpec service) {
        return queue.unsuitableFor(service, CorruptionKind.POISON_MESSAGES);
    }

    /** {@code kind=poison-messages count=50 queue=tasks}. */
    @Override
    public String describe() {
        return "kind=" + CorruptionKind.POISON_MESSAGES.yamlName() + " count=" + count + " " + queue.describe();
    }
}
