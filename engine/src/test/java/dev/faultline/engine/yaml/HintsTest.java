package dev.faultline.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HintsTest {
    private static final List<String> FIELDS = List.of("sample-every", "probes", "at", "duration", "depends-on");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "prob, probes",
            "probse, probes",
            "SAMPLE_EVERY, sample-every",
            "sampleevery, sample-every",
            "dependsOn, depends-on",
            "duraton, duration",
            "At, at"})
    void aCloseOrSameButForCaseAndDashesFieldIsSuggested(String written, String suggested) {
        assertThat(Hints.closest(written, FIELDS)).contains(suggested);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"timeout", "x", "prb"})
    void nothingIsSuggestedWhenNothingIsClose(String written) {
        assertThat(Hints.closest(written, FIELDS)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"kitten, sitting, 3", "'', abc, 3", "same, same, 0", "flaw, lawn, 2"})
    void levenshteinCountsEdits(String a, String b, int distance) {
        assertThat(Hints.levenshtein(a, b)).isEqualTo(distance);
    }
}
