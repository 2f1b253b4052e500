package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The cursor of {@code GET /results?after=<cursor>}: read back as written, anything else a bad request. */
class ResultsCursorTest {

    @Test
    void aCursorReadsBackAsWritten() throws BadRequestException {
        ResultsCursor cursor = new ResultsCursor(172_800_000L, 3);

        assertThat(cursor.toString()).isEqualTo("172800000.3");
        assertThat(ResultsCursor.parse(cursor.toString())).isEqualTo(cursor);
    }

    @Test
    void anythingElseIsABadRequestQuotingAShortExcerpt() {
        for (String bad : new String[] {"", "12", ".3", "3.", "-1.0", "1.2.3", "a.b", "99999999999999999999.0"}) {
            assertThatThrownBy(() -> ResultsCursor.parse(bad)).isInstanceOf(BadRequestException.class)
                    .hasMessage("after: expected a cursor as a previous answer gave it (<n>.<n>) but was '" + bad + "'");
        }
        assertThatThrownBy(() -> ResultsCursor.parse("1\n" + "x".repeat(100))).isInstanceOf(BadRequestException.class)
                .hasMessage("after: expected a cursor as a previous answer gave it (<n>.<n>) but was '1?"
                        + "x".repeat(38) + "...'");
    }
}
