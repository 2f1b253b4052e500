package dev.faultline.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The body of {@code POST /tasks}: {@code {"id": "<string>", "payload": <any JSON>}}. */
record TaskRequest(String id, String payloadJson) {
    /** Task ids travel as AMQP message ids, which are short strings. */
    static final int MAX_ID_BYTES = 255;

    static final String SHAPE = "a JSON object {\"id\": \"<string>\", \"payload\": <any JSON>}";

    static TaskRequest parse(byte[] body) throws BadRequestException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("body: expected " + SHAPE + " but it is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("body: cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BadRequestException("body: expected " + SHAPE + " but was empty");
        }
        if (!root.isObject()) {
            throw new BadRequestException("body: expected " + SHAPE + " but was a JSON " + root.getNodeType()
                    .name().toLowerCase(Locale.ROOT));
        }
        JsonNode id = root.get("id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()
                || id.asText().getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            throw new BadRequestException("id: expected a non-empty string of at most " + MAX_ID_BYTES
                    + " bytes but was " + (id == null ? "missing" : abbreviate(id.toString())));
        }
        JsonNode payload = root.get("payload");
        if (payload == null) {
            throw new BadRequestException("payload: expected any JSON value but was missing");
        }
        return new TaskRequest(id.asText(), payload.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
