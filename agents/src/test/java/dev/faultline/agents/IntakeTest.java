package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntakeTest {
    private static final byte[] BODY = TaskMessage.body("t-12", "{\"n\":1}");
    private static final AMQP.BasicProperties STAMPED = TaskMessage.stamped("t-12", BODY);
    /** The body with the id's '2' flipped to '3': still valid JSON, now naming another task. */
    private static final byte[] BODY_WITH_ANOTHER_ID = TaskMessage.body("t-13", "{\"n\":1}");

    private static byte[] flipBit(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    @Test
    void aSafeWorkerProcessesAnIntactDeliveryUnderItsTaskId() {
        Intake.Decision decision = Intake.of(true).decide(STAMPED, BODY);

        assertThat(decision).isEqualTo(Intake.Decision.process("t-12"));
    }

    @Test
    void aSafeWorkerSendsBackADeliveryCorruptedInTransit() {
        Intake.Decision decision = Intake.of(true).decide(STAMPED, BODY_WITH_ANOTHER_ID);

        assertThat(decision.action()).isEqualTo(Intake.Action.REQUEUE);
        assertThat(decision.taskId()).isEqualTo("t-12");
        assertThat(decision.problem()).contains(Integrity.Problem.STAMP_MISMATCH);
    }

    @Test
    void aSafeWorkerSendsBackAnUnstampedDeliveryUntilItHasSeenItTooOften() {
        Intake intake = new Intake(true, 3, 16);
        AMQP.BasicProperties unstamped = TaskMessage.unstamped("t-12");

        assertThat(intake.decide(unstamped, BODY).action()).isEqualTo(Intake.Action.REQUEUE);
        assertThat(intake.decide(unstamped, BODY).action()).isEqualTo(Intake.Action.REQUEUE);
        assertThat(intake.decide(unstamped, BODY))
                .isEqualTo(new Intake.Decision(Intake.Action.DISCARD, "t-12", Optional.of(Integrity.Problem.STAMP_MISSING), 3));
    }

    @Test
    void theSameCorruptContentIsDiscardedOnItsLimitthArrival() {
        Intake intake = Intake.of(true);
        for (int i = 1; i < Intake.SAME_CORRUPTION_LIMIT; i++) {
            assertThat(intake.decide(STAMPED, BODY_WITH_ANOTHER_ID).action()).as("arrival %d", i)
                    .isEqualTo(Intake.Action.REQUEUE);
        }

        Intake.Decision last = intake.decide(STAMPED, BODY_WITH_ANOTHER_ID);

        assertThat(last.action()).isEqualTo(Intake.Action.DISCARD);
        assertThat(last.timesSeen()).isEqualTo(Intake.SAME_CORRUPTION_LIMIT);
    }

    @Test
    void contentOnceFoundCorruptAtTheSourceIsDiscardedAtOnceWhenItComesBack() {
        Intake intake = new Intake(true, 2, 16);
        intake.decide(STAMPED, BODY_WITH_ANOTHER_ID);
        intake.decide(STAMPED, BODY_WITH_ANOTHER_ID);

        assertThat(intake.decide(STAMPED, BODY_WITH_ANOTHER_ID).action()).isEqualTo(Intake.Action.DISCARD);
    }

    @Test
    void aMessageCorruptedDifferentlyOnEveryTripIsNeverDiscarded() {
        Intake intake = Intake.of(true);

        for (int bit = 0; bit < BODY.length * 8; bit++) { // far more trips than the limit, each garbled elsewhere
            assertThat(intake.decide(STAMPED, flipBit(BODY, bit)).action()).as("bit %d", bit)
                    .isEqualTo(Intake.Action.REQUEUE);
        }
        assertThat(intake.decide(STAMPED, BODY)).isEqualTo(Intake.Decision.process("t-12"));
    }

    @Test
    void intactDeliveriesInBetweenDoNotResetTheCountOfTheCorruptOne() {
        Intake intake = new Intake(true, 2, 16);
        intake.decide(STAMPED, BODY_WITH_ANOTHER_ID);
        intake.decide(STAMPED, BODY);

        assertThat(intake.decide(STAMPED, BODY_WITH_ANOTHER_ID).action()).isEqualTo(Intake.Action.DISCARD);
    }

    @Test
    void theLeastRecentlySeenCorruptContentIsForgottenFirst() {
        Intake intake = new Intake(true, 2, 1);
        intake.decide(STAMPED, BODY_WITH_ANOTHER_ID);
        intake.decide(STAMPED, flipBit(BODY, 3)); // pushes the first one out

        assertThat(intake.decide(STAMPED, BODY_WITH_ANOTHER_ID).action()).isEqualTo(Intake.Action.REQUEUE);
    }

    /** Malformed bodies as a poison-message fault publishes them: no integrity stamp, no message id. */
    private static byte[] malformed(String kind) {
        switch (kind) {
            case "not-json":
                return "this is not json".getBytes(StandardCharsets.UTF_8);
            case "json-without-id":
                return "{\"payload\":{\"n\":1}}".getBytes(StandardCharsets.UTF_8);
            case "invalid-utf-8":
                return new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
            case "empty":
                return new byte[0];
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-json", "json-without-id", "invalid-utf-8", "empty"})
    void aSafeWorkerDiscardsAMalformedMessageOnItsLimitthArrival(String kind) {
        Intake intake = Intake.of(true);
        AMQP.BasicProperties bare = new AMQP.BasicProperties.Builder().headers(Map.of("faultline-fault", "p")).build();
        for (int i = 1; i < Intake.SAME_CORRUPTION_LIMIT; i++) {
            intake.decide(bare, malformed(kind));
        }

        Intake.Decision last = intake.decide(bare, malformed(kind));

        assertThat(last.action()).isEqualTo(Intake.Action.DISCARD);
    }

    @Test
    void withoutDeadLetteringContentCorruptAtTheSourceIsSentBackForEver() {
        Intake intake = new Intake(true, false, 2, 16);
        intake.decide(STAMPED, BODY_WITH_ANOTHER_ID);

        for (int i = 0; i < 20; i++) {
            assertThat(intake.decide(STAMPED, BODY_WITH_ANOTHER_ID).action()).as("arrival %d", i + 2)
                    .isEqualTo(Intake.Action.RECYCLE);
        }
    }

    @Test
    void anUnsafeWorkerProcessesACorruptedIdAsIfItWereReal() {
        Intake.Decision decision = Intake.of(false).decide(STAMPED, BODY_WITH_ANOTHER_ID);

        assertThat(decision).isEqualTo(Intake.Decision.process("t-13")); // t-12 is lost, t-13 completed by nobody's request
    }

    @Test
    void anUnsafeWorkerIgnoresTheStampAndTheMessageId() {
        Intake.Decision decision = Intake.of(false).decide(TaskMessage.unstamped("something-else"), BODY);

        assertThat(decision).isEqualTo(Intake.Decision.process("t-12"));
    }

    @Test
    void anUnsafeWorkerDropsABodyThatDoesNotParse() {
        byte[] broken = "{\"id\":\"t-12\",\"payload\":{\"n\":1}".replace(':', ';').getBytes(StandardCharsets.UTF_8);

        Intake.Decision decision = Intake.of(false).decide(STAMPED, broken);

        assertThat(decision.action()).isEqualTo(Intake.Action.DROP);
    }

    @Test
    void anUnsafeWorkerNeverGivesUpOrRequeues() {
        Intake intake = new Intake(false, 1, 1);

        for (int i = 0; i < 3; i++) {
            assertThat(intake.decide(null, new byte[] {'{'}).action()).isEqualTo(Intake.Action.DROP);
        }
    }

    @Test
    void limitsBelowOneAreRefusedWithTheValueGiven() {
        assertThatThrownBy(() -> new Intake(true, 0, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sameCorruptionLimit must be at least 1, but was 0");
        assertThatThrownBy(() -> new Intake(true, 5, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remembered must be at least 1, but was -2");
    }
}
