package dev.faultline.agents;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The message a task travels as: body {@code {"id": ..., "payload": ...}}, message id = task id. */
final class TaskMessage {
    static final String CONTENT_TYPE = "application/json";

    private TaskMessage() {}

    /** The body; {@code payloadJson} is embedded as it is, it was valid JSON when the task was accepted. */
    static byte[] body(String id, String payloadJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payloadJson.length() + id.length() + 32);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeFieldName("payload");
            g.writeRawValue(payloadJson);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Properties of a message published with safeguards: persistent, message id = task id, and the
     * {@link Integrity#HEADER integrity stamp} of id and body.
     */
    static AMQP.BasicProperties stamped(String id, byte[] body) {
        return new AMQP.BasicProperties.Builder()
                .messageId(id)
                .contentType(CONTENT_TYPE)
                .deliveryMode(2)
                .headers(Map.of(Integrity.HEADER, Integrity.stamp(id, body)))
                .build();
    }

    /** Properties of a message published without safeguards: transient, message id = task id, no stamp. */
    static AMQP.BasicProperties unstamped(String id) {
        return new AMQP.BasicProperties.Builder()
                .messageId(id)
                .contentType(CONTENT_TYPE)
                .deliveryMode(1)
                .build();
    }

    /** The task id in a body: its {@code id} when the body is a JSON object whose {@code id} is a non-empty string. */
    static Optional<String> bodyId(byte[] body) {
        try {
            JsonNode id = Json.MAPPER.readTree(body).get("id");
            return id != null && id.isTextual() && !id.asText().isEmpty() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
