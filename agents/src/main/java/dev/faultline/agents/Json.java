package dev.faultline.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** The one object mapper, and the shapes this agent answers with. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    /** {@code {"id": "..."}}, the answer to an accepted task. */
    record Accepted(String id) {}

    /**
     * {@code {"completed": [{"id": "t-1", "count": 1}, ...], "cursor": "12.0"}}: every task completed (or, read with
     * {@code ?after=<cursor>}, those with a completion recorded since), and the cursor to read on from.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Results(List<Completion> completed, String cursor) {
        Results(List<Completion> completed) {
            this(completed, null);
        }
    }

    /** How many times one task id completed. */
    record Completion(String id, long count) {}

    /** {@code {"status": "UP", "role": "worker", "worker": "host"}}; {@code worker} only for workers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String status, String role, String worker) {}
}
