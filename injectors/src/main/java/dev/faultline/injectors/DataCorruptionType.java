package dev.faultline.injectors;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;
import dev.faultline.injectors.state.StateCorruption;

/**
 * Reads {@code type: data-corruption}: first {@code kind}, then that kind's own fields.
 * <ul>
 *   <li>{@code stream}: {@code rate} (a percentage of bytes) and {@code direction: upstream|downstream|both}
 *       (default both); lasts {@code duration};</li>
 *   <li>{@code poison-messages}: {@code count} (1 to 10000) malformed messages on {@code queue}; instantaneous, so
 *       no {@code duration};</li>
 *   <li>{@code duplicate-delivery}: {@code rate} (a percentage of deliveries) of {@code queue}; lasts
 *       {@code duration};</li>
 *   <li>{@code state}: the latest checkpoint of the target agent in its store ({@code store}, {@code table},
 *       {@code owner-column}, {@code order-by}, {@code column}, {@code port}, {@code database}), read by
 *       {@link StateCorruption#read}; lasts {@code duration}.</li>
 * </ul>
 * The broker kinds and {@code state} also take {@code adapter}, {@code user} and {@code password}. {@code duration}
 * is therefore optional for the type and checked per kind.
 */
public final class DataCorruptionType implements FaultType {
    private static final List<String> STREAM_FIELDS = List.of("kind", "rate", "direction");
    private static final List<String> BROKER_LOGIN = List.of("adapter", "user", "password");
    private static final List<String> POISON_FIELDS = fields(List.of("kind", "count", "queue"), BROKER_LOGIN);
    private static final List<String> DUPLICATE_FIELDS = fields(List.of("kind", "rate", "queue"), BROKER_LOGIN);
    /** Without a kind: every field some kind takes (so an unknown field is reported as such). */
    private static final List<String> ALL_FIELDS = fields(STREAM_FIELDS, POISON_FIELDS, DUPLICATE_FIELDS,
            StateCorruption.FIELDS);
    /** The longest queue name AMQP carries (a short string), in bytes of UTF-8. */
    static final int MAX_QUEUE_BYTES = 255;

    @Override
    public String type() {
        return "data-corruption";
    }

    /** Per kind: {@code stream} and {@code duplicate-delivery} need one, {@code poison-messages} takes none. */
    @Override
    public DurationRule durationRule() {
        return DurationRule.OPTIONAL;
    }

    @Override
    public Fault configure(Params with, Duration duration) {
        // The kind first: another kind's fields would otherwise be reported as unknown before the real problem.
        if (!with.has("kind")) {
            with.allowOnly(ALL_FIELDS.toArray(String[]::new));
            throw with.invalid("kind", "is required; expected " + availableKinds());
        }
        CorruptionKind kind = kind(with);
        return switch (kind) {
            case STREAM -> stream(with, duration);
            case POISON_MESSAGES -> poisonMessages(with, duration);
            case DUPLICATE_DELIVERY -> duplicateDelivery(with, duration);
            case STATE -> StateCorruption.read(with, duration);
        };
    }

    private static Fault stream(Params with, Duration duration) {
        with.allowOnly(STREAM_FIELDS.toArray(String[]::new));
        requireDuration(with, duration, CorruptionKind.STREAM, "15s");
        double rate = rate(with, "the share of bytes that get one bit flipped (e.g. 0.1%)");
        Direction direction = with.enumValue("direction", Direction.class).orElse(Direction.BOTH);
        return new DataCorruption(CorruptionKind.STREAM, rate, direction);
    }

    private static Fault poisonMessages(Params with, Duration duration) {
        with.allowOnly(POISON_FIELDS.toArray(String[]::new));
        if (duration != null) {
            throw with.invalid("kind", "poison-messages is instantaneous (the messages are published at once and"
                    + " stay): remove the fault's duration");
        }
        int count = count(with);
        return new PoisonMessages(count, brokerQueue(with));
    }

    private static Fault duplicateDelivery(Params with, Duration duration) {
        with.allowOnly(DUPLICATE_FIELDS.toArray(String[]::new));
        requireDuration(with, duration, CorruptionKind.DUPLICATE_DELIVERY, "10s");
        double rate = rate(with, "the share of deliveries that reach a consumer twice (e.g. 10%)");
        return new DuplicateDelivery(rate, duration, brokerQueue(with));
    }

    private static void requireDuration(Params with, Duration duration, CorruptionKind kind, String example) {
        if (duration == null) {
            throw with.invalid("kind", kind.yamlName() + " lasts a while: the fault needs a duration (e.g. duration: "
                    + example + ")");
        }
    }

    /** A percentage greater than 0% and at most 100%. */
    private static double rate(Params with, String what) {
        double rate = with.fraction("rate").orElseThrow(() -> with.invalid("rate", "is required: " + what));
        if (rate <= 0) {
            throw with.invalid("rate", "expected a percentage greater than 0% but was '" + Formats.shown(with.string("rate").orElse(""))
                    + "'");
        }
        return rate;
    }

    /** A whole number from 1 to {@link PoisonMessages#MAX_COUNT}, however large or odd the text written. */
    private static int count(Params with) {
        String text = with.string("count").orElseThrow(() -> with.invalid("count",
                "is required: how many malformed messages to publish (e.g. 20)")).trim();
        int count = text.matches("[0-9]{1,5}") ? Integer.parseInt(text) : -1;
        if (count < 1 || count > PoisonMessages.MAX_COUNT) {
            throw with.invalid("count", "expected a whole number from 1 to " + PoisonMessages.MAX_COUNT + " but was '"
                    + Formats.shown(text) + "'");
        }
        return count;
    }

    private static BrokerQueue brokerQueue(Params with) {
        String queue = with.string("queue").orElseThrow(() -> with.invalid("queue",
                "is required: the queue on the target broker (e.g. tasks)"));
        if (queue.isBlank() || queue.codePoints().anyMatch(Character::isISOControl)
                || queue.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_QUEUE_BYTES) {
            throw with.invalid("queue", "expected a queue name of 1 to " + MAX_QUEUE_BYTES + " bytes without control"
                    + " characters but was '" + Formats.shown(queue) + "'");
        }
        String adapter = with.string("adapter").orElse(null);
        if (adapter != null) {
            List<String> products = BrokerQueue.adapters().products();
            if (!products.contains(adapter)) {
                throw with.invalid("adapter", "expected one of " + String.join(", ", products) + " (the broker"
                        + " adapters installed) but was '" + Formats.shown(adapter) + "'");
            }
        }
        return new BrokerQueue(queue, adapter, with.string("user").orElse(null),
                with.string("password").orElse(null));
    }

    private static CorruptionKind kind(Params with) {
        String text = with.string("kind").orElseThrow();
        return CorruptionKind.parse(text).orElseThrow(() -> with.invalid("kind", "expected "
                + availableKinds() + " but was '" + Formats.shown(text) + "'" + planned()));
    }

    /** {@code  (state is not available in this version)}, or nothing when every kind is. */
    private static String planned() {
        List<String> planned = CorruptionKind.plannedKinds().stream().map(CorruptionKind::yamlName).toList();
        return planned.isEmpty() ? "" : " (" + String.join(", ", planned) + (planned.size() == 1 ? " is" : " are")
                + " not available in this version)";
    }

    private static String availableKinds() {
        return String.join(", ", CorruptionKind.availableKinds().stream().map(CorruptionKind::yamlName).toList());
    }

    @SafeVarargs
    private static List<String> fields(List<String>... lists) {
        Set<String> all = new LinkedHashSet<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
