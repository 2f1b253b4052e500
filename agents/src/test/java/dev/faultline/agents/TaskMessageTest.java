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
    void safeMessagesArePersistentAndCarryTheTaskIdAsMessageIdAndTheirStamp() {
        byte[] body = TaskMessage.body("t-1", "{}");

        AMQP.BasicProperties props = TaskMessage.stamped("t-1", body);

        assertThat(props.getMessageId()).isEqualTo("t-1");
        assertThat(props.getDeliveryMode()).isEqualTo(2);
        assertThat(props.getContentType()).isEqualTo("application/json");
        assertThat(props.getHeaders()).containsEntry(Integrity.HEADER, Integrity.stamp("t-1", body));
    }

    @Test
    void unsafeMessagesAreTransientAndUnstamped() {
        AMQP.BasicProperties props = TaskMessage.unstamped("t-1");

        assertThat(props.getMessageId()).isEqualTo("t-1");
        assertThat(props.getDeliveryMode()).isEqualTo(1);
        assertThat(props.getHeaders()).isNull();
    }

    @Test
    void theBodyIdIsTheIdOfTheTaskInTheBody() {
        assertThat(TaskMessage.bodyId(TaskMessage.body("from-body", "null"))).contains("from-body");
    }

    @Test
    void aBodyWithoutAStringIdHasNoBodyId() {
        assertThat(TaskMessage.bodyId("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(TaskMessage.bodyId("{\"payload\":1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(TaskMessage.bodyId("{\"id\":7}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(TaskMessage.bodyId("{\"id\":\"\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(TaskMessage.bodyId(new byte[0])).isEmpty();
    }
}
