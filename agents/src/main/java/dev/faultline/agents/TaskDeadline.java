package dev.faultline.agents;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A task's deadline ({@code TASK_DEADLINE}), as the orchestrator puts it on every task message it publishes, twice:
 *
 * <ul>
 *   <li>the AMQP {@code expiration}: the deadline in milliseconds, a per-message TTL the broker judges by its own
 *       clock from the moment the message reaches the queue; an expired message is dead-lettered, never delivered;
 *   <li>the header {@value #HEADER}: the orchestrator's wall clock at publishing plus the deadline, in epoch
 *       milliseconds. Only a worker with {@code DEADLINE_CLOCK=wall} reads it, against its own wall clock: a pattern
 *       that breaks as soon as the two clocks disagree (a negative control).
 * </ul>
 */
record TaskDeadline(Duration deadline) {
    static final String HEADER = "x-deadline";

    TaskDeadline {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be greater than 0, but was " + deadline);
        }
    }

    /** {@code properties} with this deadline, published at {@code nowMillis} by the publisher's wall clock. */
    AMQP.BasicProperties stamp(AMQP.BasicProperties properties, long nowMillis) {
        Map<String, Object> headers = new HashMap<>();
        if (properties.getHeaders() != null) {
            headers.putAll(properties.getHeaders());
        }
        headers.put(HEADER, nowMillis + deadline.toMillis());
        return properties.builder()
                .expiration(Long.toString(deadline.toMillis()))
                .headers(headers)
                .build();
    }

    /** The {@value #HEADER} of a delivery in epoch milliseconds; empty when absent or not a whole number. */
    static OptionalLong of(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        Object value = headers == null ? null : headers.get(HEADER);
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return OptionalLong.of(((Number) value).longValue());
        }
        if (value instanceof LongString || value instanceof String) {
            try {
                return OptionalLong.of(Long.parseLong(value.toString().trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** Whether a delivery's {@value #HEADER} lies before {@code nowMillis}; false without one. */
    static boolean passed(AMQP.BasicProperties properties, long nowMillis) {
        OptionalLong at = of(properties);
        return at.isPresent() && at.getAsLong() < nowMillis;
    }
}
