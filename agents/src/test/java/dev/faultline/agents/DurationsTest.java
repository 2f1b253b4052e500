package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"250ms, 250", "0ms, 0", "2s, 2000", "1m, 60000", " 15s , 15000"})
    void theShortFormsParseToTheirLength(String text, long millis) {
        assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "250", "ms", "-1s", "1.5s", "2h", "PT2S", "2 s", "1000000000000ms"})
    void anythingElseIsRejected(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"250, 250ms", "0, 0ms", "2000, 2s", "60000, 1m", "1500, 1500ms"})
    void formattingIsTheInverseOfParsing(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    }
}
