package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntegrityTest {
    private static final byte[] BODY = TaskMessage.body("t-12", "{\"customer\":\"c-7\",\"n\":[1,2,3]}");

    /** Properties as the client decodes them on delivery: string headers arrive as {@code LongString}. */
    private static AMQP.BasicProperties delivered(String messageId, Object stamp) {
        Map<String, Object> headers = new HashMap<>();
        if (stamp != null) {
            headers.put(Integrity.HEADER, stamp instanceof String s ? LongStringHelper.asLongString(s) : stamp);
        }
        return new AMQP.BasicProperties.Builder().messageId(messageId).headers(headers).build();
    }

    private static AMQP.BasicProperties stampedAtSource(String messageId, byte[] body) {
        return delivered(messageId, Integrity.stamp(messageId, body));
    }

    private static byte[] flipBit(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static Integrity.Problem problemOf(Integrity.Verdict verdict) {
        assertThat(verdict).isInstanceOf(Integrity.Corrupt.class);
        return ((Integrity.Corrupt) verdict).problem();
    }

    @Test
    void anIntactDeliveryPassesWithItsTaskId() {
        Integrity.Verdict verdict = Integrity.verify(stampedAtSource("t-12", BODY), BODY);

        assertThat(verdict).isEqualTo(new Integrity.Intact("t-12"));
    }

    @Test
    void whatTheRelayPublishesPassesTheWorkersCheck() {
        byte[] body = TaskMessage.body("t-é/1", "{\"x\":\"\\u0000\"}");
        AMQP.BasicProperties published = TaskMessage.stamped("t-é/1", body);
        AMQP.BasicProperties onArrival = delivered(published.getMessageId(),
                published.getHeaders().get(Integrity.HEADER).toString());

        assertThat(Integrity.verify(onArrival, body)).isEqualTo(new Integrity.Intact("t-é/1"));
    }

    @Test
    void everySingleBitFlipInTheBodyIsCaught() {
        AMQP.BasicProperties props = stampedAtSource("t-12", BODY);

        for (int bit = 0; bit < BODY.length * 8; bit++) {
            assertThat(Integrity.verify(props, flipBit(BODY, bit)))
                    .as("bit %d of the body flipped", bit)
                    .isEqualTo(new Integrity.Corrupt(Integrity.Problem.STAMP_MISMATCH, "t-12"));
        }
    }

    @Test
    void aMessageIdChangedToAnotherValidIdIsCaught() {
        AMQP.BasicProperties props = delivered("t-13", Integrity.stamp("t-12", BODY)); // '2' -> '3' is one bit

        assertThat(Integrity.verify(props, BODY))
                .isEqualTo(new Integrity.Corrupt(Integrity.Problem.STAMP_MISMATCH, "t-13"));
    }

    @Test
    void everySingleBitFlipInTheMessageIdIsCaught() {
        byte[] id = "t-12".getBytes(StandardCharsets.UTF_8);
        String stamp = Integrity.stamp("t-12", BODY);

        for (int bit = 0; bit < id.length * 8; bit++) {
            String garbled = new String(flipBit(id, bit), StandardCharsets.UTF_8); // as the client decodes a shortstr
            assertThat(problemOf(Integrity.verify(delivered(garbled, stamp), BODY)))
                    .as("bit %d of the message id flipped", bit)
                    .isEqualTo(Integrity.Problem.STAMP_MISMATCH);
        }
    }

    @Test
    void everySingleBitFlipInTheStampIsCaught() {
        byte[] stamp = Integrity.stamp("t-12", BODY).getBytes(StandardCharsets.US_ASCII);

        for (int bit = 0; bit < stamp.length * 8; bit++) {
            String garbled = new String(flipBit(stamp, bit), StandardCharsets.UTF_8);
            assertThat(problemOf(Integrity.verify(delivered("t-12", garbled), BODY)))
                    .as("bit %d of the stamp flipped", bit)
                    .isEqualTo(Integrity.Problem.STAMP_MISMATCH);
        }
    }

    @Test
    void aDeliveryWithoutAStampIsCaught() {
        Integrity.Verdict verdict = Integrity.verify(delivered("t-12", null), BODY);

        assertThat(verdict).isEqualTo(new Integrity.Corrupt(Integrity.Problem.STAMP_MISSING, "t-12"));
    }

    @Test
    void aStampThatIsNotAStringCountsAsMissing() {
        // a flipped type tag in the header table can turn the 'S' string into another field type
        Integrity.Verdict verdict = Integrity.verify(delivered("t-12", 42), BODY);

        assertThat(problemOf(verdict)).isEqualTo(Integrity.Problem.STAMP_MISSING);
    }

    @Test
    void aDeliveryWithoutPropertiesIsCaughtAndNamedByItsBody() {
        Integrity.Verdict verdict = Integrity.verify(null, BODY);

        assertThat(verdict).isEqualTo(new Integrity.Corrupt(Integrity.Problem.STAMP_MISSING, "t-12"));
    }

    @Test
    void aDeliveryWithoutMessageIdIsCaught() {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .headers(Map.of(Integrity.HEADER, Integrity.stamp("t-12", BODY))).build();

        assertThat(Integrity.verify(props, BODY))
                .isEqualTo(new Integrity.Corrupt(Integrity.Problem.STAMP_MISMATCH, "t-12"));
    }

    @Test
    void aStampedBodyThatIsNotATaskIsCaught() {
        byte[] body = "{\"payload\":1}".getBytes(StandardCharsets.UTF_8); // a publisher's bug, not a link's

        assertThat(Integrity.verify(stampedAtSource("t-12", body), body))
                .isEqualTo(new Integrity.Corrupt(Integrity.Problem.NOT_A_TASK, "t-12"));
    }

    @Test
    void aStampedMessageWhoseIdDiffersFromItsBodysIdIsCaught() {
        assertThat(Integrity.verify(stampedAtSource("t-99", BODY), BODY))
                .isEqualTo(new Integrity.Corrupt(Integrity.Problem.ID_MISMATCH, "t-99"));
    }

    @Test
    void theStampIsTheSha256OfTheLengthPrefixedIdAndTheBody() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(ByteBuffer.allocate(4).putInt(4).array());
        sha256.update("t-12".getBytes(StandardCharsets.UTF_8));
        sha256.update(BODY);

        assertThat(Integrity.stamp("t-12", BODY)).isEqualTo(HexFormat.of().formatHex(sha256.digest()));
    }

    @Test
    void movingAByteFromTheBodyIntoTheIdChangesTheStamp() {
        assertThat(Integrity.stamp("ab", "c".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(Integrity.stamp("a", "bc".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGarbledIdIsLoggedAsOnePrintableLine() {
        assertThat(Integrity.printable("t-1\n\u0001\uFFFDx")).isEqualTo("t-1\\u000a\\u0001\\ufffdx");
        assertThat(Integrity.printable("x".repeat(200))).isEqualTo("x".repeat(80) + "...");
    }

    @Test
    void aDeliveryThatCannotBeReadAtAllIsNamedQuestionMark() {
        assertThat(Integrity.readableId(null, "\u0000garbage".getBytes(StandardCharsets.UTF_8))).isEqualTo("?");
    }

    @Test
    void identicalDeliveriesHaveTheSameFingerprintAndDifferentlyCorruptedOnesDoNot() {
        AMQP.BasicProperties props = stampedAtSource("t-12", BODY);
        AMQP.BasicProperties samePropsOtherwiseDecorated = new AMQP.BasicProperties.Builder()
                .messageId("t-12").headers(props.getHeaders()).deliveryMode(2).priority(3).build();

        assertThat(Integrity.fingerprint(samePropsOtherwiseDecorated, BODY)).isEqualTo(Integrity.fingerprint(props, BODY));
        assertThat(Integrity.fingerprint(props, flipBit(BODY, 9)))
                .isNotEqualTo(Integrity.fingerprint(props, flipBit(BODY, 10)));
        assertThat(Integrity.fingerprint(delivered("t-13", null), BODY))
                .isNotEqualTo(Integrity.fingerprint(delivered("t-12", null), BODY));
    }
}
