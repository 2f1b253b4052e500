package dev.faultline.agents;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  /** Properties of a task message: message id, JSON, and persistent unless {@code durable} is false. */
  static AMQP.BasicProperties properties(String id, boolean durable) {
    return new AMQP.BasicProperties.Builder()
        .messageId(id)
        .contentType(CONTENT_TYPE)
        .deliveryMode(durable ? 2 : 1)
        .build();
  }

  /** The task id of a delivered message: its message id, else the body's {@code id}. */
  static Optional<String> taskId(AMQP.BasicProperties properties, byte[] body) {
    if (properties != null && properties.getMessageId() != null && !properties.getMessageId().isEmpty()) {
      return Optional.of(properties.getMessageId());
    }
    try {
      JsonNode id = Json.MAPPER.readTree(body).get("id");
      return id != null && id.isTextual() && !id.asText().isEmpty() ? Optional.of(id.asText()) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
