package dev.faultline.engine.timeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The text {@code timeline.jsonl} holds for an enum constant ({@code REVERT_FAILED}: {@code revert-failed}). */
final class Wire {
    private Wire() {
    }

    static String text(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, E[] values, Function<E, String> wire, String text) {
        Objects.requireNonNull(text, type.getSimpleName());
        for (E value : values) {
            if (wire.apply(value).equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + ": expected one of "
                + Arrays.stream(values).map(wire).collect(Collectors.joining(", ")) + " but was '" + text + "'");
    }
}
