package dev.faultline.engine.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static ZonedDateTime at(String local, ZoneId zone) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), zone);
    }

    /** The next {@code count} times after {@code after}, as ISO offset date-times. */
    private static List<String> times(String cron, ZonedDateTime after, int count) {
        Cron parsed = Cron.parse(cron);
        List<String> times = new ArrayList<>();
        ZonedDateTime time = after;
        for (int i = 0; i < count; i++) {
            time = parsed.next(time);
            times.add(time.toOffsetDateTime().toString());
        }
        return times;
    }

    @Nested
    class Parsing {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0 10 * *         | expected 5 fields (minute hour day-of-month month day-of-week) but found 4 in '0 10 * *'",
            "0 0 10 * * 2     | expected 5 fields (minute hour day-of-month month day-of-week) but found 6 in '0 0 10 * * 2'",
            "@weekly          | expected 5 fields (minute hour day-of-month month day-of-week) but found 1 in '@weekly'",
            "60 10 * * 2      | minute: expected a number from 0 to 59 but was '60'",
            "0 24 * * 2       | hour: expected a number from 0 to 23 but was '24'",
            "0 10 0 * *       | day-of-month: expected a number from 1 to 31 but was '0'",
            "0 10 * 13 *      | month: expected a number from 1 to 12 or a name jan..dec but was '13'",
            "0 10 * janu *    | month: expected a number from 1 to 12 or a name jan..dec but was 'janu'",
            "0 10 * * tues    | day-of-week: expected a number from 0 to 7 (0 and 7 are Sunday) or a name sun..sat but was 'tues'",
            "0 10 * * 8       | day-of-week: expected a number from 0 to 7 (0 and 7 are Sunday) or a name sun..sat but was '8'",
            "1,,2 10 * * *    | minute: expected a number from 0 to 59 but was ''",
            "*/0 10 * * *     | minute: expected a step from 1 to 59 after '/' but was '0'",
            "*/x 10 * * *     | minute: expected a step from 1 to 59 after '/' but was 'x'",
            "*/5/2 10 * * *   | minute: expected at most one step '/n' but was '*/5/2'",
            "0 17-9 * * *     | hour: expected a range whose start is not after its end but was '17-9'",
            "0 1-2-3 * * *    | hour: expected a value or a range a-b but was '1-2-3'",
            "0 10 * * sat-sun | day-of-week: expected a range whose start is not after its end but was 'sat-sun'",
            "0 10 30 feb *    | day-of-month: expected a day that occurs in one of the months 'feb' but was '30'",
            "0 10 31 4,6 *    | day-of-month: expected a day that occurs in one of the months '4,6' but was '31'",
        })
        void aBadExpressionSaysWhatWasExpectedAndWhatWasFound(String cron, String message) {
            assertThatThrownBy(() -> Cron.parse(cron))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }

        @Test
        void anEmptyExpressionSaysFiveFieldsWereExpected() {
            assertThatThrownBy(() -> Cron.parse("  "))
                    .hasMessage("expected 5 fields (minute hour day-of-month month day-of-week) but found 0 in ''");
        }

        @Test
        void aLongOrControlCharacterValueIsQuotedShortWithQuestionMarks() {
            assertThatThrownBy(() -> Cron.parse("0 10 * * m\u0007" + "x".repeat(60)))
                    .hasMessage("day-of-week: expected a number from 0 to 7 (0 and 7 are Sunday) or a name sun..sat"
                            + " but was 'm?" + "x".repeat(38) + "...'");
        }

        @Test
        void thirtyFirstIsAcceptedWhenOneOfTheMonthsHasIt() {
            assertThat(Cron.parse("0 10 31 4,5 *").text()).isEqualTo("0 10 31 4,5 *");
        }

        @Test
        void anImpossibleDayOfMonthIsAcceptedWhenTheDayOfWeekAlsoNamesDays() {
            assertThat(times("0 10 30 feb mon", at("2026-02-01T00:00", BERLIN), 1))
                    .containsExactly("2026-02-02T10:00+01:00");
        }
    }

    @Nested
    class NextTimes {
        private final ZonedDateTime sunday = at("2026-11-01T12:00", BERLIN);

        @Test
        void aWeeklyExpressionNamesEachTuesdayAtTen() {
            assertThat(times("0 10 * * 2", sunday, 3))
                    .containsExactly("2026-11-03T10:00+01:00", "2026-11-10T10:00+01:00", "2026-11-17T10:00+01:00");
        }

        @Test
        void theNextTimeIsStrictlyAfterTheGivenOne() {
            assertThat(Cron.parse("0 10 * * 2").next(at("2026-11-03T10:00", BERLIN)).toLocalDateTime())
                    .hasToString("2026-11-10T10:00");
        }

        @Test
        void listsRangesAndStepsCombine() {
            assertThat(times("*/20,45 9-10 * * *", sunday, 9)).containsExactly(
                    "2026-11-02T09:00+01:00", "2026-11-02T09:20+01:00", "2026-11-02T09:40+01:00",
                    "2026-11-02T09:45+01:00", "2026-11-02T10:00+01:00", "2026-11-02T10:20+01:00",
                    "2026-11-02T10:40+01:00", "2026-11-02T10:45+01:00", "2026-11-03T09:00+01:00");
        }

        @Test
        void aValueWithAStepRunsFromTheValueToTheFieldsEnd() {
            assertThat(times("50/4 13 * * *", sunday, 3))
                    .containsExactly("2026-11-01T13:50+01:00", "2026-11-01T13:54+01:00", "2026-11-01T13:58+01:00");
        }

        @Test
        void monthAndDayNamesInEitherCaseAndARangeWithAStep() {
            assertThat(times("0 10 * DEC Mon-fri/2", sunday, 3))
                    .containsExactly("2026-12-02T10:00+01:00", "2026-12-04T10:00+01:00", "2026-12-07T10:00+01:00");
        }

        @Test
        void sevenAndZeroAreBothSunday() {
            assertThat(times("0 10 * * 7", sunday, 1)).isEqualTo(times("0 10 * * 0", sunday, 1))
                    .containsExactly("2026-11-08T10:00+01:00");
        }

        @Test
        void bothDayFieldsRestrictedMatchEitherAsVixieCronDoes() {
            // the 13th of November 2026 is a Friday; Mondays are the 2nd, 9th, 16th
            assertThat(times("0 10 13 * mon", sunday, 4)).containsExactly(
                    "2026-11-02T10:00+01:00", "2026-11-09T10:00+01:00", "2026-11-13T10:00+01:00",
                    "2026-11-16T10:00+01:00");
        }

        @Test
        void aDayOfWeekWithAStarStepMustMatchTogetherWithTheDayOfMonth() {
            // '*/2' starts with '*': both must match — the 2nd to 8th that are Sunday, Tuesday, Thursday, Saturday
            assertThat(times("0 10 2-8 * */2", sunday, 4)).containsExactly(
                    "2026-11-03T10:00+01:00", "2026-11-05T10:00+01:00", "2026-11-07T10:00+01:00",
                    "2026-11-08T10:00+01:00");
        }

        @Test
        void theTwentyNinthOfFebruaryComesInTheNextLeapYear() {
            assertThat(times("0 10 29 feb *", sunday, 2))
                    .containsExactly("2028-02-29T10:00+01:00", "2032-02-29T10:00+01:00");
        }
    }

    @Nested
    class DaylightSaving {
        @Test
        void aTimeInTheSpringForwardGapRunsOnceAtTheFirstInstantAfterIt() {
            assertThat(times("30 2 * * *", at("2026-03-27T12:00", BERLIN), 3)).containsExactly(
                    "2026-03-28T02:30+01:00", "2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00");
        }

        @Test
        void severalTimesInTheGapRunOnceBetweenThem() {
            assertThat(times("0,30 2,3 * * *", at("2026-03-29T00:00", BERLIN), 3)).containsExactly(
                    "2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00", "2026-03-30T02:00+02:00");
        }

        @Test
        void aTimeInTheFallBackOverlapRunsOnceAtTheEarlierOffset() {
            assertThat(times("30 2 * * *", at("2026-10-24T12:00", BERLIN), 2))
                    .containsExactly("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00");
        }

        @Test
        void anHourlyExpressionDoesNotRepeatTheRepeatedHour() {
            assertThat(times("0 * * * *", at("2026-10-25T01:30", BERLIN), 3))
                    .containsExactly("2026-10-25T02:00+02:00", "2026-10-25T03:00+01:00", "2026-10-25T04:00+01:00");
        }

        @Test
        void fromInsideTheRepeatedHourTheOverlapsTimeIsAlreadyPast() {
            ZonedDateTime repeated = at("2026-10-25T02:10", BERLIN).withLaterOffsetAtOverlap();

            assertThat(Cron.parse("30 2 * * *").next(repeated).toOffsetDateTime())
                    .hasToString("2026-10-26T02:30+01:00");
        }

        @Test
        void newYorkSpringsForwardAtTwoAndFallsBackAtTwo() {
            assertThat(times("30 2 * * *", at("2026-03-07T12:00", NEW_YORK), 2))
                    .containsExactly("2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00");
            assertThat(times("30 1 * * *", at("2026-10-31T12:00", NEW_YORK), 2))
                    .containsExactly("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
        }
    }
}
