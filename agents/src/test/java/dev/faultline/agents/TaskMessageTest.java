package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaskMessageTest {

  @Test
  void theBodyCarriesTheIdAndThePayloadAsItWasAccepted() {
    byte[] body = TaskMessage.body("t-\"1\"", "{\"n\":[1,2]}");

    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"t-\\\"1\\\"\",\"payload\":{\"n\":[1,2]}}");
  }

  @Test
  void safeMessagesArePersistentAndCarryTheTaskIdAsMessageId() {
    AMQP.BasicProperties props = TaskMessage.properties("t-1", true);

    assertThat(props.getMessageId()).isEqualTo("t-1");
    assertThat(props.getDeliveryMode()).isEqualTo(2);
    assertThat(props.getContentType()).isEqualTo("application/json");
    assertThat(TaskMessage.properties("t-1", false).getDeliveryMode()).isEqualTo(1);
  }

  @Test
  void theTaskIdComesFromTheMessageIdFirst() {
    assertThat(TaskMessage.taskId(TaskMessage.properties("from-props", true), TaskMessage.body("from-body", "1")))
        .contains("from-props");
  }

  @Test
  void withoutAMessageIdTheTaskIdComesFromTheBody() {
    assertThat(TaskMessage.taskId(new AMQP.BasicProperties(), TaskMessage.body("from-body", "null")))
        .contains("from-body");
  }

  @Test
  void aMessageWithoutAnyIdHasNoTaskId() {
    assertThat(TaskMessage.taskId(null, "not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(TaskMessage.taskId(null, "{\"payload\":1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
