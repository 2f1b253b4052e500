package dev.faultline.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code integrity} objective: how much work may be lost or done twice, how much recent work may be lost
 * ({@code rpo}), and whether the agents' state must agree with the ledger. With no field set, the defaults hold
 * (nothing lost, nothing doubled).
 *
 * <pre>{@code
 * Objectives.integrity().lost(0).duplicated(0).rpo(Duration.ZERO)
 * }</pre>
 */
public final class Integrity extends SectionObjective {
    Integrity(Settings fields) {
        super("integrity", fields);
    }

    /** {@code lost}: the most items that may be lost. */
    public Integrity lost(long items) {
        return new Integrity(fields.with("lost", items));
    }

    /** {@code duplicated}: the most items that may be done twice. */
    public Integrity duplicated(long items) {
        return new Integrity(fields.with("duplicated", items));
    }

    /** {@code rpo}: the most recent work that may be lost, as time. */
    public Integrity rpo(Duration rpo) {
        return new Integrity(fields.with("rpo", Objects.requireNonNull(rpo, "rpo")));
    }

    /** {@code state-agrees}: whether every agent's state must agree with the ledger (default true). */
    public Integrity stateAgrees(boolean agrees) {
        return new Integrity(fields.with("state-agrees", agrees));
    }
}
