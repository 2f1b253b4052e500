package dev.faultline.engine.spi;

import java.util.Optional;

/**
 * Speaks to one store product (PostgreSQL ships) on behalf of {@code data-corruption} of kind {@code state}: it finds
 * an agent's latest checkpoint in the store, reads it, and replaces it only when it still holds what is expected
 * (compare-and-set), so a fault never overwrites what the agent wrote meanwhile. What is done to the value is the
 * fault's business, not the adapter's. Registered in {@code META-INF/services/dev.faultline.engine.spi.StoreAdapter}.
 */
public interface StoreAdapter extends ServiceAdapter {
    /** The store's container port the adapter connects to unless the fault sets {@code with.port}. */
    int defaultPort();

    /**
     * A session on the checkpoints at {@code location} in the store instance {@code access} reaches, on its
     * container port {@code port} (published on 127.0.0.1). Checks that the location exists and its value column has
     * a format the fault can change.
     *
     * @throws Exception with a message naming the store, the table and the column, when it cannot
     */
    Checkpoints open(ServiceAccess access, int port, Location location) throws Exception;

    /**
     * Where checkpoints live: in {@code database} ({@code null}: the adapter's default, e.g. from the store's
     * environment), rows of {@code table}, each belonging to the agent instance named in {@code ownerColumn}; an
     * owner's latest is its row with the highest {@code orderBy}; its value is in {@code column}. Every name but the
     * database's is a plain identifier (letters, digits, {@code _}), checked when the scenario is loaded.
     */
    record Location(String database, String table, String ownerColumn, String orderBy, String column) {
        @Override
        public String toString() {
            return table + "." + column + " (latest by " + orderBy + " per " + ownerColumn + ")";
        }
    }

    /** How a checkpoint's value is written, which decides how the fault changes it. */
    enum Format {
        /** JSON text (PostgreSQL {@code json}, {@code jsonb}): changed so it stays valid JSON. */
        JSON,
        /** Text ({@code text}, {@code varchar}): characters changed. */
        TEXT,
        /** Bytes ({@code bytea}): bits flipped. */
        BYTES
    }

    /**
     * One owner's checkpoint row: {@code key} is its {@code orderBy} value as text (e.g. the version), which with the
     * owner names the row; {@code value} is the column's content (UTF-8 for JSON and text).
     */
    record Checkpoint(String owner, String key, Format format, String type, byte[] value) {
    }

    /** An open session on a store's checkpoints; closing it is safe twice. */
    interface Checkpoints extends AutoCloseable {
        /** {@code owner}'s latest checkpoint; empty when it has none yet. */
        Optional<Checkpoint> latest(String owner) throws Exception;

        /**
         * Replaces the row's value with {@code replacement} only where it still holds {@code expected}, by the store's
         * own comparison; whether a row was replaced.
         */
        boolean replace(Checkpoint row, byte[] expected, byte[] replacement) throws Exception;

        /** Whether the row (by owner and key) exists and holds {@code value}, by the store's own comparison. */
        boolean holds(Checkpoint row, byte[] value) throws Exception;

        @Override
        void close();
    }
}
