package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskRequestTest {

    private static TaskRequest parse(String body) throws BadRequestException {
        return TaskRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anIdAndAnObjectPayloadAreAccepted() throws Exception {
        TaskRequest task = parse("{\"id\": \"t-1\", \"payload\": {\"n\": 1, \"tags\": [\"a\"]}}");

        assertThat(task.id()).isEqualTo("t-1");
        assertThat(task.payloadJson()).isEqualTo("{\"n\":1,\"tags\":[\"a\"]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"text\"", "[1,2]", "null", "true", "{}"})
    void thePayloadMayBeAnyJsonValue(String payload) throws Exception {
        TaskRequest task = parse("{\"id\": \"t\", \"payload\": " + payload + "}");

        assertThat(task.payloadJson()).isEqualTo(payload);
    }

    @Test
    void otherFieldsAreIgnored() throws Exception {
        assertThat(parse("{\"id\": \"t\", \"payload\": 1, \"priority\": 3}").id()).isEqualTo("t");
    }

    @Test
    void aNumericIdIsRejectedWithWhatWasFound() {
        assertThatThrownBy(() -> parse("{\"id\": 5, \"payload\": 1}"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("id: expected a non-empty string of at most 255 bytes but was 5");
    }

    @Test
    void aMissingIdIsRejected() {
        assertThatThrownBy(() -> parse("{\"payload\": 1}"))
                .hasMessage("id: expected a non-empty string of at most 255 bytes but was missing");
    }

    @Test
    void anEmptyIdIsRejected() {
        assertThatThrownBy(() -> parse("{\"id\": \"\", \"payload\": 1}"))
                .hasMessage("id: expected a non-empty string of at most 255 bytes but was \"\"");
    }

    @Test
    void anIdLongerThanAnAmqpMessageIdIsRejected() throws Exception {
        String longest = "é".repeat(127) + "x"; // 255 bytes in UTF-8
        assertThat(parse("{\"id\": \"" + longest + "\", \"payload\": 1}").id()).isEqualTo(longest);

        assertThatThrownBy(() -> parse("{\"id\": \"" + "é".repeat(128) + "\", \"payload\": 1}"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("id: expected a non-empty string of at most 255 bytes but was \"éé");
    }

    @Test
    void aMissingPayloadIsRejected() {
        assertThatThrownBy(() -> parse("{\"id\": \"t\"}"))
                .hasMessage("payload: expected any JSON value but was missing");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejectedWithTheExpectedShape() {
        assertThatThrownBy(() -> parse("[1]"))
                .hasMessage("body: expected a JSON object {\"id\": \"<string>\", \"payload\": <any JSON>} but was a JSON array");
    }

    @Test
    void anEmptyBodyIsRejected() {
        assertThatThrownBy(() -> parse(""))
                .hasMessage("body: expected a JSON object {\"id\": \"<string>\", \"payload\": <any JSON>} but was empty");
    }

    @Test
    void malformedJsonIsRejectedWithTheParserMessage() {
        assertThatThrownBy(() -> parse("{\"id\": \"t\", "))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("body: expected a JSON object")
                .hasMessageContaining("not valid JSON");
    }
}
