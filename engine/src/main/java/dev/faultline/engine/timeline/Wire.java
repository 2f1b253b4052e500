package dev.faultline.engine.timeline;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads an enum constant back from the text {@code timeline.jsonl} holds for it. */
final class Wire {
    private Wire() {
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
