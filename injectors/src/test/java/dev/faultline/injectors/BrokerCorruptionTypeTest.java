package dev.faultline.injectors;

import static dev.faultline.injectors.Problems.assertOneProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.yaml.YamlParams;

/** {@code data-corruption} of the broker kinds, {@code poison-messages} and {@code duplicate-delivery}, as read. */
class BrokerCorruptionTypeTest {
    private static final Duration WINDOW = Duration.ofSeconds(8);

    private static Fault configure(String with, Duration duration) {
        return new DataCorruptionType().configure(YamlParams.parse(with), duration);
    }

    private static PoisonMessages poison(String with) {
        return (PoisonMessages) configure(with, null);
    }

    private static DuplicateDelivery duplicates(String with) {
        return (DuplicateDelivery) configure(with, WINDOW);
    }

    // ---- poison-messages

    @Test
    void poisonMessagesAreAnInstantaneousFaultOnTheBrokersInstances() {
        PoisonMessages fault = poison("{kind: poison-messages, count: 20, queue: tasks}");

        assertThat(fault.describe()).isEqualTo("kind=poison-messages count=20 queue=tasks");
        assertThat(fault.instantaneous()).isTrue();
        assertThat(fault.reach()).isEqualTo(Fault.Reach.INSTANCES);
    }

    @Test
    void poisonMessagesTakeNoDuration() {
        assertOneProblem(() -> configure("{kind: poison-messages, count: 20, queue: tasks}", WINDOW), "kind",
                "poison-messages is instantaneous (the messages are published at once and stay): remove the fault's"
                        + " duration");
    }

    @Test
    void theCountIsRequired() {
        assertOneProblem(() -> poison("{kind: poison-messages, queue: tasks}"), "count",
                "is required: how many malformed messages to publish (e.g. 20)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "10001", "99999999999999999999999", "5.5", "many", "1e3"})
    void theCountIsAWholeNumberFromOneToTenThousand(String count) {
        assertOneProblem(() -> poison("{kind: poison-messages, queue: tasks, count: '" + count + "'}"), "count",
                "expected a whole number from 1 to 10000 but was '" + count + "'");
    }

    @Test
    void theMostMessagesAreTenThousand() {
        assertThat(poison("{kind: poison-messages, count: 10000, queue: tasks}").count()).isEqualTo(10_000);
    }

    @Test
    void everyBodyIsMalformedAndTheSixShapesAllOccur() {
        List<byte[]> bodies = PoisonMessages.bodies(12);

        assertThat(bodies).allSatisfy(body -> assertThat(isATask(body)).as(new String(body, StandardCharsets.UTF_8))
                .isFalse());
        assertThat(bodies.subList(0, PoisonMessages.SHAPES).stream().map(java.util.Arrays::toString).distinct())
                .as("the six shapes").hasSize(PoisonMessages.SHAPES);
    }

    @Test
    void theBodiesIncludeInvalidUtf8AndAnEmptyOne() {
        assertThat(isUtf8(PoisonMessages.body(4))).isFalse();
        assertThat(PoisonMessages.body(5)).isEmpty();
    }

    @Test
    void theBodiesAreTheSameEachTime() {
        assertThat(PoisonMessages.bodies(7)).usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(PoisonMessages.bodies(7));
    }

    // ---- duplicate-delivery

    @Test
    void duplicateDeliveryLastsAWindowOnTheBrokersInstances() {
        DuplicateDelivery fault = duplicates("{kind: duplicate-delivery, rate: 10%, queue: tasks}");

        assertThat(fault.describe()).isEqualTo("kind=duplicate-delivery rate=10% queue=tasks for 8s");
        assertThat(fault.instantaneous()).isFalse();
        assertThat(fault.reach()).isEqualTo(Fault.Reach.INSTANCES);
    }

    @Test
    void duplicateDeliveryNeedsADuration() {
        assertOneProblem(() -> configure("{kind: duplicate-delivery, rate: 10%, queue: tasks}", null), "kind",
                "duplicate-delivery lasts a while: the fault needs a duration (e.g. duration: 10s)");
    }

    @Test
    void theRateOfDuplicatesIsRequired() {
        assertOneProblem(() -> duplicates("{kind: duplicate-delivery, queue: tasks}"), "rate",
                "is required: the share of deliveries that reach a consumer twice (e.g. 10%)");
    }

    @Test
    void noDuplicatesAtAllIsRejected() {
        assertOneProblem(() -> duplicates("{kind: duplicate-delivery, rate: 0%, queue: tasks}"), "rate",
                "expected a percentage greater than 0% but was '0%'");
    }

    @Test
    void everyDeliveryTwiceIsTheMost() {
        assertThat(duplicates("{kind: duplicate-delivery, rate: 100%, queue: tasks}").rate()).isEqualTo(1.0);
        assertOneProblem(() -> duplicates("{kind: duplicate-delivery, rate: 100.5%, queue: tasks}"), "rate",
                "expected a percentage between 0% and 100%, but was '100.5%'");
    }

    @Test
    void aFieldOfAnotherKindIsUnknownHere() {
        assertOneProblem(() -> duplicates("{kind: duplicate-delivery, rate: 10%, queue: tasks, count: 5}"), "count",
                "unknown field; expected one of kind, rate, queue, adapter, user, password");
    }

    // ---- what both broker kinds take

    @Test
    void theQueueIsRequired() {
        assertOneProblem(() -> poison("{kind: poison-messages, count: 5}"), "queue",
                "is required: the queue on the target broker (e.g. tasks)");
    }

    @Test
    void aQueueNameWithControlCharactersIsRejectedAndShownSafely() {
        assertOneProblem(() -> poison("{kind: poison-messages, count: 5, queue: \"ta\\u0007sks\\n\"}"), "queue",
                "expected a queue name of 1 to 255 bytes without control characters but was 'ta?sks?'");
    }

    @Test
    void aQueueNameLongerThanAmqpCarriesIsRejected() {
        String name = "q".repeat(128) + "é".repeat(64);

        assertOneProblem(() -> poison("{kind: poison-messages, count: 5, queue: " + name + "}"), "queue",
                "expected a queue name of 1 to 255 bytes without control characters but was '" + "q".repeat(40)
                        + "...'");
    }

    @Test
    void aQueueNameOfTwoHundredFiftyFiveBytesIsAccepted() {
        String name = "q".repeat(255);

        assertThat(poison("{kind: poison-messages, count: 5, queue: " + name + "}").queue().queue()).isEqualTo(name);
    }

    @Test
    void aBlankQueueNameIsRejected() {
        assertOneProblem(() -> poison("{kind: poison-messages, count: 5, queue: '  '}"), "queue",
                "expected a queue name of 1 to 255 bytes without control characters but was '  '");
    }

    @Test
    void anAdapterMustBeInstalled() {
        assertOneProblem(() -> poison("{kind: poison-messages, count: 5, queue: tasks, adapter: kafka}"), "adapter",
                "expected one of " + String.join(", ", BrokerQueue.adapters().products())
                        + " (the broker adapters installed) but was 'kafka'");
    }

    @Test
    void thePasswordIsNeverDescribed() {
        Fault fault = poison("{kind: poison-messages, count: 5, queue: tasks, adapter: rabbitmq, user: alice,"
                + " password: s3cret}");

        assertThat(fault.describe()).isEqualTo("kind=poison-messages count=5 queue=tasks adapter=rabbitmq user=alice");
        assertThat(((PoisonMessages) fault).queue().toString()).doesNotContain("s3cret");
    }

    private static boolean isATask(byte[] body) {
        try {
            JsonNode id = new ObjectMapper().readTree(body).get("id");
            return id != null && id.isTextual();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
