package dev.faultline.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A worker's running tally of the tasks it completed, as a store checkpoint holds it ({@code CHECKPOINT_STORE}):
 * {@code completed} tasks this worker recorded, through the completion sequence number {@code through} (every
 * completion of this worker numbered up to {@code through} is counted, none above it).
 *
 * <p>Stored as the jsonb {@code {"completed": N, "through": S}} with {@code sha256}, the lowercase hex SHA-256 of
 * the {@link #canonical} text {@code completed=N;through=S} (UTF-8): jsonb keeps neither key order nor spacing, so the
 * hash covers a rendering that can be recomputed from whatever the store gives back.
 */
record Tally(long completed, long through) {
    static final Tally ZERO = new Tally(0, 0);

    /** The text the hash covers: {@code completed=N;through=S}. */
    String canonical() {
        return "completed=" + completed + ";through=" + through;
    }

    String sha256() {
        return HexFormat.of().formatHex(CpuWork.sha256().digest(canonical().getBytes(StandardCharsets.UTF_8)));
    }

    /** The jsonb text stored. */
    String json() {
        Map<String, Long> json = new LinkedHashMap<>();
        json.put("completed", completed);
        json.put("through", through);
        return new String(Json.write(json), StandardCharsets.UTF_8);
    }

    /** The tally plus {@code more} completions numbered up to {@code last} (a replay, or one new completion). */
    Tally plus(long more, long last) {
        return new Tally(completed + more, Math.max(through, last));
    }

    /** A tally exactly as written: an object with whole-number {@code completed} and {@code through}, else empty. */
    static Optional<Tally> parse(String json) {
        JsonNode root = readTree(json);
        if (root == null || !root.isObject() || root.size() != 2 || !whole(root.get("completed"))
                || !whole(root.get("through"))) {
            return Optional.empty();
        }
        return Optional.of(new Tally(root.get("completed").asLong(), root.get("through").asLong()));
    }

    /** Whatever numbers can be read from a state, 0 for the rest: for a state taken unverified. */
    static Tally parseLeniently(String json) {
        JsonNode root = readTree(json);
        return new Tally(number(root, "completed"), number(root, "through"));
    }

    private static JsonNode readTree(String json) {
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean whole(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong();
    }

    private static long number(JsonNode root, String field) {
        JsonNode n = root == null || !root.isObject() ? null : root.get(field);
        if (n == null) {
            return 0;
        }
        if (n.isNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** One stored checkpoint: its version, its state as stored (jsonb text) and the hash stored with it. */
    record Stored(long version, String state, String sha256) {
        /** Whether the state is a tally whose hash is the one stored. */
        boolean intact() {
            return parse(state).map(t -> t.sha256().equals(sha256)).orElse(false);
        }
    }

    /** What a restore starts from: the version taken (empty: none, from zero) and its tally. */
    record Restored(Optional<Long> version, Tally tally) {}

    /**
     * Chooses the checkpoint to restore from {@code newestFirst}. With {@code verify}: the newest intact one, each
     * newer one that fails its hash reported to {@code corrupt} (one line each), or zero when none is intact.
     * Without: the newest as it is, its numbers read leniently.
     */
    static Restored choose(String owner, List<Stored> newestFirst, boolean verify, Consumer<String> corrupt) {
        if (!verify) {
            return newestFirst.isEmpty() ? new Restored(Optional.empty(), ZERO)
                    : new Restored(Optional.of(newestFirst.get(0).version()), parseLeniently(newestFirst.get(0).state()));
        }
        for (int i = 0; i < newestFirst.size(); i++) {
            Stored s = newestFirst.get(i);
            if (s.intact()) {
                return new Restored(Optional.of(s.version()), parse(s.state()).orElseThrow());
            }
            String next = i + 1 < newestFirst.size() ? "restoring from version " + newestFirst.get(i + 1).version()
                    : "starting from zero";
            corrupt.accept("checkpoint version " + s.version() + " of " + owner + " fails its SHA-256; " + next);
        }
        return new Restored(Optional.empty(), ZERO);
    }
}
