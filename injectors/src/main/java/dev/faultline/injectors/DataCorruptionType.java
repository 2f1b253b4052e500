package dev.faultline.injectors;

import java.time.Duration;
import java.util.Optional;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;

/**
 * Reads {@code type: data-corruption} with {@code kind: stream}, {@code rate} (a percentage of bytes) and
 * {@code direction: upstream|downstream|both} (default both). The format's other kinds are recognised and refused
 * with a message saying they are not available in this version.
 */
public final class DataCorruptionType implements FaultType {
    @Override
    public String type() {
        return "data-corruption";
    }

    @Override
    public DurationRule durationRule() {
        return DurationRule.REQUIRED;
    }

    @Override
    public Fault configure(Params with, Duration duration) {
        // The kind first: a planned kind's own fields would otherwise be reported as unknown before the real problem.
        Optional<CorruptionKind> written = with.has("kind") ? Optional.of(kind(with)) : Optional.empty();
        with.allowOnly("kind", "rate", "direction");
        CorruptionKind kind = written.orElseThrow(() -> with.invalid("kind", "is required; expected "
                + availableKinds()));
        double rate = with.fraction("rate").orElseThrow(() -> with.invalid("rate",
                "is required: the share of bytes that get one bit flipped (e.g. 0.1%)"));
        if (rate <= 0) {
            throw with.invalid("rate", "expected a percentage greater than 0% but was '" + with.string("rate").orElse("")
                    + "'");
        }
        Direction direction = with.enumValue("direction", Direction.class).orElse(Direction.BOTH);
        return new DataCorruption(kind, rate, direction);
    }

    private static CorruptionKind kind(Params with) {
        String text = with.string("kind").orElseThrow();
        CorruptionKind kind = CorruptionKind.parse(text).orElseThrow(() -> with.invalid("kind", "expected "
                + availableKinds() + " but was '" + text + "' (" + String.join(", ", CorruptionKind.plannedKinds()
                .stream().map(CorruptionKind::yamlName).toList()) + " are not available in this version)"));
        if (!kind.available()) {
            throw with.invalid("kind", kind.yamlName() + " is not available in this version of Faultline; available: "
                    + availableKinds());
        }
        return kind;
    }

    private static String availableKinds() {
        return String.join(", ", CorruptionKind.availableKinds().stream().map(CorruptionKind::yamlName).toList());
    }
}
