package dev.faultline.agents;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The integrity stamp of a task message: lets a worker tell the message the orchestrator published from one whose
 * bytes changed on the way.
 *
 * <p>The stamp is the header {@value #HEADER}: the lowercase hex SHA-256 of {@code len(id) || id || body}, where
 * {@code id} is the message id in UTF-8, {@code len(id)} its length as 4 bytes big-endian and {@code body} the
 * message body as published. The length prefix keeps the boundary between id and body from moving. It detects
 * accidents, not attacks: there is no key, so whoever can change bytes on purpose can restamp them.
 */
final class Integrity {
    static final String HEADER = "faultline-sha256";
    private static final HexFormat HEX = HexFormat.of();
    private static final int READABLE_ID_MAX = 80;

    /** Why a delivery failed its check. */
    enum Problem {
        STAMP_MISSING("no " + HEADER + " header"),
        STAMP_MISMATCH(HEADER + " does not match the message id and body"),
        NOT_A_TASK("the body is not a task {\"id\": <non-empty string>, ...}"),
        ID_MISMATCH("the message id differs from the body's id");

        private final String description;

        Problem(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** The outcome of the check of one delivery. */
    sealed interface Verdict permits Intact, Corrupt {}

    /** The delivery is what the orchestrator published, for task {@code taskId}. */
    record Intact(String taskId) implements Verdict {}

    /** The delivery is not what was published; {@code readableId} is the task id as far as it can be read, for logs. */
    record Corrupt(Problem problem, String readableId) implements Verdict {}

    private Integrity() {}

    /** The stamp of a message with this id and body. */
    static String stamp(String messageId, byte[] body) {
        return HEX.formatHex(digestOf(lengthPrefixed(messageId), body));
    }

    /**
     * Checks a delivery: its stamp must match its message id and body, the body must be a task, and the task's id must
     * be the message id. Never throws, whatever the bytes.
     */
    static Verdict verify(AMQP.BasicProperties properties, byte[] body) {
        byte[] content = body == null ? new byte[0] : body;
        String messageId = properties == null ? null : properties.getMessageId();
        String claimed = claimedStamp(properties);
        if (claimed == null) {
            return new Corrupt(Problem.STAMP_MISSING, readableId(properties, content));
        }
        if (messageId == null || !claimed.equals(stamp(messageId, content))) {
            return new Corrupt(Problem.STAMP_MISMATCH, readableId(properties, content));
        }
        Optional<String> bodyId = TaskMessage.bodyId(content);
        if (bodyId.isEmpty()) {
            return new Corrupt(Problem.NOT_A_TASK, printable(messageId));
        }
        if (!bodyId.get().equals(messageId)) {
            return new Corrupt(Problem.ID_MISMATCH, printable(messageId));
        }
        return new Intact(messageId);
    }

    /**
     * A digest of everything {@link #verify} looks at (message id, stamp, body). Two deliveries with the same
     * fingerprint get the same verdict: a message that fails again and again with the same fingerprint is corrupt at
     * the source, while bits flipped in transit land somewhere else each time.
     */
    static String fingerprint(AMQP.BasicProperties properties, byte[] body) {
        String messageId = properties == null ? null : properties.getMessageId();
        String claimed = claimedStamp(properties);
        byte[] content = body == null ? new byte[0] : body;
        return HEX.formatHex(digestOf(lengthPrefixed(messageId), lengthPrefixed(claimed), content));
    }

    /** The task id of a delivery as far as it can be read (message id, else the body's id, else "?"), safe to log. */
    static String readableId(AMQP.BasicProperties properties, byte[] body) {
        String messageId = properties == null ? null : properties.getMessageId();
        if (messageId != null && !messageId.isEmpty()) {
            return printable(messageId);
        }
        return TaskMessage.bodyId(body == null ? new byte[0] : body).map(Integrity::printable).orElse("?");
    }

    /** The stamp a delivery claims, or null when its header is absent or not a string. */
    private static String claimedStamp(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        Object value = headers == null ? null : headers.get(HEADER);
        return value instanceof LongString || value instanceof String ? value.toString() : null;
    }

    /** A possibly garbled id as one printable line: control characters escaped, at most 80 characters. */
    static String printable(String id) {
        StringBuilder out = new StringBuilder(Math.min(id.length(), READABLE_ID_MAX) + 8);
        int i = 0;
        for (; i < id.length() && out.length() < READABLE_ID_MAX; i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\uFFFD') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < id.length() ? out.append("...").toString() : out.toString();
    }

    /** {@code len || bytes} of a string in UTF-8; a null string is the length -1 and no bytes. */
    private static byte[] lengthPrefixed(String s) {
        if (s == null) {
            return ByteBuffer.allocate(4).putInt(-1).array();
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }

    private static byte[] digestOf(byte[]... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (byte[] part : parts) {
            sha256.update(part);
        }
        return sha256.digest();
    }
}
