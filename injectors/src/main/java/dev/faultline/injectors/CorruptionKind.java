package dev.faultline.injectors;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a {@code data-corruption} fault corrupts. A kind named in the design before it is built is not available. */
public enum CorruptionKind {
    /** Bits flipped in the bytes on a link. */
    STREAM(true),
    /** Malformed messages put on a queue. */
    POISON_MESSAGES(true),
    /** An agent's latest checkpoint, tampered with in its store. */
    STATE(true),
    /** Messages delivered again. */
    DUPLICATE_DELIVERY(true);

    private final boolean available;

    CorruptionKind(boolean available) {
        this.available = available;
    }

    public boolean available() {
        return available;
    }

    /** As written in a scenario: {@code poison-messages}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind written as {@code text}, ignoring case, with {@code -} and {@code _} alike. */
    static Optional<CorruptionKind> parse(String text) {
        String wanted = text.trim().replace('-', '_');
        return Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(wanted)).findFirst();
    }

    static List<CorruptionKind> availableKinds() {
        return Arrays.stream(values()).filter(CorruptionKind::available).toList();
    }

    static List<CorruptionKind> plannedKinds() {
        return Arrays.stream(values()).filter(k -> !k.available()).toList();
    }
}
