package dev.faultline.proxy.toxics;

import dev.faultline.proxy.core.Direction;
import dev.faultline.proxy.scope.ClientScope;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One toxic as the API shows it: {@code name}, {@code type} (via its attributes), {@code stream},
 * {@code toxicity} and {@code attributes}, plus Faultline's optional {@code clients} scope. Immutable;
 * an update makes a new spec with the same {@link #id()}, which is how open connections recognise it.
 */
public record ToxicSpec(long id, String name, Direction stream, float toxicity, ToxicAttributes attributes,
                        ClientScope clients) {
    private static final AtomicLong IDS = new AtomicLong();

    public ToxicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(clients, "clients");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("toxic name must not be empty");
        }
    }

    /** A new toxic with a fresh identity. */
    public static ToxicSpec create(String name, Direction stream, float toxicity, ToxicAttributes attributes,
                                   ClientScope clients) {
        return new ToxicSpec(IDS.incrementAndGet(), name, stream, toxicity, attributes, clients);
    }

    public ToxicType type() {
        return attributes.type();
    }

    /** The same toxic with new settings; name, type and stream cannot change (as in Toxiproxy). */
    public ToxicSpec withSettings(float toxicity, ToxicAttributes attributes, ClientScope clients) {
        if (attributes.type() != type()) {
            throw new IllegalArgumentException("toxic " + name + " is of type " + type().json()
                    + " but the update has attributes of type " + attributes.type().json());
        }
        return new ToxicSpec(id, name, stream, toxicity, attributes, clients);
    }
}
