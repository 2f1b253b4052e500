package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskDeadlineTest {
    private static final byte[] BODY = TaskMessage.body("t-12", "{\"n\":1}");
    private static final long PUBLISHED_AT = 1_700_000_000_000L;

    @Test
    void aStampedMessageExpiresAtTheBrokerAfterTheDeadline() {
        AMQP.BasicProperties p = new TaskDeadline(Duration.ofSeconds(10)).stamp(TaskMessage.stamped("t-12", BODY),
                PUBLISHED_AT);

        assertThat(p.getExpiration()).isEqualTo("10000");
    }

    @Test
    void aStampedMessageCarriesThePublishersWallClockPlusTheDeadline() {
        AMQP.BasicProperties p = new TaskDeadline(Duration.ofSeconds(10)).stamp(TaskMessage.stamped("t-12", BODY),
                PUBLISHED_AT);

        assertThat(p.getHeaders()).containsEntry(TaskDeadline.HEADER, PUBLISHED_AT + 10_000);
    }

    @Test
    void stampingTheDeadlineKeepsTheIntegrityStampAndTheRestOfTheProperties() {
        AMQP.BasicProperties stamped = TaskMessage.stamped("t-12", BODY);

        AMQP.BasicProperties p = new TaskDeadline(Duration.ofSeconds(10)).stamp(stamped, PUBLISHED_AT);

        assertThat(Integrity.verify(p, BODY)).isEqualTo(new Integrity.Intact("t-12"));
        assertThat(p.getDeliveryMode()).isEqualTo(2);
    }

    @Test
    void aDeadlineHasPassedOnlyOnceTheClockIsBeyondIt() {
        AMQP.BasicProperties p = new TaskDeadline(Duration.ofSeconds(10)).stamp(TaskMessage.unstamped("t-12"),
                PUBLISHED_AT);

        assertThat(TaskDeadline.passed(p, PUBLISHED_AT + 10_000)).isFalse();
        assertThat(TaskDeadline.passed(p, PUBLISHED_AT + 10_001)).isTrue();
    }

    @Test
    void aMessageWithoutADeadlineNeverExpires() {
        assertThat(TaskDeadline.passed(TaskMessage.unstamped("t-12"), Long.MAX_VALUE)).isFalse();
    }

    @Test
    void aDeadlineReceivedAsTextIsRead() {
        AMQP.BasicProperties p = new AMQP.BasicProperties.Builder()
                .headers(Map.of(TaskDeadline.HEADER, LongStringHelper.asLongString("12345"))).build();

        assertThat(TaskDeadline.of(p)).hasValue(12345L);
    }

    @Test
    void aDeadlineOfZeroIsRefusedWithTheValueGiven() {
        assertThatThrownBy(() -> new TaskDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deadline must be greater than 0, but was PT0S");
    }
}
