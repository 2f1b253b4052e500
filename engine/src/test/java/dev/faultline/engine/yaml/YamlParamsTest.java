package dev.faultline.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.faultline.engine.model.RestartPolicy;
import dev.faultline.engine.spi.Params;

/** The {@link Params} plugins read their sections through. */
class YamlParamsTest {

    @Test
    void gettersConvertEachKindOfValue() {
        Params params = YamlParams.parse("""
                text: hello
                wait: 1.5s
                count: -3
                ratio: 0.25
                on: true
                share: 12.5%
                size: 1MB
                names: [a, b]
                """);

        assertThat(params.string("text")).contains("hello");
        assertThat(params.duration("wait")).contains(Duration.ofMillis(1500));
        assertThat(params.integer("count")).contains(-3L);
        assertThat(params.number("ratio")).contains(0.25);
        assertThat(params.bool("on")).contains(true);
        assertThat(params.fraction("share")).contains(0.125);
        assertThat(params.bytes("size")).contains(1024L * 1024);
        assertThat(params.strings("names")).contains(List.of("a", "b"));
    }

    @Test
    void anAbsentOrEmptyKeyIsEmpty() {
        Params params = YamlParams.parse("empty:\ntilde: ~\n");

        assertThat(params.string("absent")).isEmpty();
        assertThat(params.duration("empty")).isEmpty();
        assertThat(params.integer("tilde")).isEmpty();
        assertThat(params.has("empty")).isFalse();
        assertThat(params.keys()).containsExactly("empty", "tilde");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"on-failure, ON_FAILURE", "ON_FAILURE, ON_FAILURE", "On-Failure, ON_FAILURE", "no, NO", "always, ALWAYS"})
    void enumValuesIgnoreCaseAndDashes(String written, RestartPolicy.Policy expected) {
        Params params = YamlParams.parse("policy: " + written);

        assertThat(params.enumValue("policy", RestartPolicy.Policy.class)).contains(expected);
    }

    @Test
    void aWrongEnumValueListsTheConstantsAsWritten() {
        Params params = YamlParams.parse("policy: sometimes");

        assertThatThrownBy(() -> params.enumValue("policy", RestartPolicy.Policy.class))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessage("<string>:1:9 policy: expected one of no, on-failure, always but was 'sometimes'");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "integer  | two     | expected an integer but was 'two'",
            "integer  | 1e3     | expected an integer but was '1e3'",
            "number   | NaN     | expected a number but was 'NaN'",
            "bool     | maybe   | expected true or false but was 'maybe'",
            "duration | 5       | expected a duration like 250ms, 10s or 2m, but was '5'",
            "fraction | 5       | expected a percentage like 5%, but was '5'",
            "fraction | 150%    | expected a percentage between 0% and 100%, but was '150%'",
            "bytes    | big     | expected a size like 512KB, 1MB or 512m, but was 'big'",
            "strings  | a       | expected a list but was 'a'",
            "section  | a       | expected a mapping but was 'a'",
            "string   | [a]     | expected a string but was a list"})
    void aWrongValueSaysWhatWasExpectedAndFound(String getter, String value, String message) {
        Params params = YamlParams.parse("key: " + value);

        assertThatThrownBy(() -> {
            switch (getter) {
                case "integer" -> params.integer("key");
                case "number" -> params.number("key");
                case "bool" -> params.bool("key");
                case "duration" -> params.duration("key");
                case "fraction" -> params.fraction("key");
                case "bytes" -> params.bytes("key");
                case "strings" -> params.strings("key");
                case "section" -> params.section("key");
                default -> params.string("key");
            }
        }).isInstanceOf(InvalidScenarioException.class).hasMessage("<string>:1:6 key: " + message);
    }

    @Test
    void aWrongItemOfAListIsLocatedAtTheItem() {
        Params params = YamlParams.parse("names: [a, {b: c}]");

        assertThatThrownBy(() -> params.strings("names"))
                .hasMessage("<string>:1:12 names[1]: expected a string but was a mapping");
    }

    @Test
    void aSectionCarriesItsPath() {
        Params params = YamlParams.parse("repeat:\n  times: x\n");

        Params repeat = params.section("repeat").orElseThrow();

        assertThat(repeat.path()).isEqualTo("repeat");
        assertThatThrownBy(() -> repeat.integer("times"))
                .hasMessage("<string>:2:10 repeat.times: expected an integer but was 'x'");
    }

    @Test
    void invalidPointsAtThePresentValueOrAtTheSectionWhenAbsent() {
        Params params = YamlParams.parse("a: 1\nrepeat:\n  times: 3\n");
        Params repeat = params.section("repeat").orElseThrow();

        assertThat(repeat.invalid("times", "too many")).hasMessage("<string>:3:10 repeat.times: too many");
        assertThat(repeat.invalid("every", "is required")).hasMessage("<string>:3:3 repeat.every: is required");
    }

    @Test
    void requiredReadsAStringOrFailsAtTheSection() {
        Params params = YamlParams.parse("a: 1");

        assertThat(params.required("a")).isEqualTo("1");
        assertThatThrownBy(() -> params.required("b")).hasMessage("<string>:1:1 b: is required");
    }

    @Test
    void allowOnlyReportsEveryUnknownKeyAtOnce() {
        Params params = YamlParams.parse("sigal: KILL\nrepeet: {}\nok: 1\n");

        assertThatThrownBy(() -> params.allowOnly("signal", "repeat", "ok")).isInstanceOfSatisfying(
                InvalidScenarioException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "<string>:1:1 sigal: unknown field; did you mean 'signal'? Expected one of signal, repeat, ok",
                        "<string>:2:1 repeet: unknown field; did you mean 'repeat'? Expected one of signal, repeat, ok"));
    }

    @Test
    void allowOnlyReturnsTheSameParamsWhenEveryKeyIsKnown() {
        Params params = YamlParams.parse("signal: KILL");

        assertThat(params.allowOnly("signal", "repeat")).isSameAs(params);
    }

    @Test
    void parsingSomethingThatIsNotAMappingFails() {
        assertThatThrownBy(() -> YamlParams.parse("[a]")).hasMessage("<string>:1:1 (root): expected a mapping but was a list");
    }

    @Test
    void parsingNothingGivesEmptyParams() {
        assertThat(YamlParams.parse("").keys()).isEmpty();
    }
}
