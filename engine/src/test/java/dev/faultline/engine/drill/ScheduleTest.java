package dev.faultline.engine.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Window WORKING_HOURS = new Window(
            EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
            LocalTime.of(9, 0), LocalTime.of(17, 0));

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    private static Schedule schedule(String cron, Window window, Duration minInterval) {
        return new Schedule(Cron.parse(cron), BERLIN, window, minInterval, Schedule.Missed.RUN_ONCE);
    }

    private static List<String> shown(List<ZonedDateTime> times) {
        return times.stream().map(t -> t.toOffsetDateTime().toString()).toList();
    }

    @Test
    void withoutWindowOrIntervalTheDrillTimesAreTheCronsInTheDrillsZone() {
        Schedule weekly = schedule("0 10 * * 2", Window.ALWAYS, null);

        List<ZonedDateTime> times = weekly.next(berlin("2026-11-01T12:00"), null, 2);

        assertThat(shown(times)).containsExactly("2026-11-03T10:00+01:00", "2026-11-10T10:00+01:00");
        assertThat(times).allSatisfy(t -> assertThat(t.getZone()).isEqualTo(BERLIN));
    }

    @Test
    void cronTimesOutsideTheWindowsDaysAndHoursAreNotDrillTimes() {
        Schedule everyFourHours = schedule("0 */4 * * *", WORKING_HOURS, null);

        List<ZonedDateTime> times = everyFourHours.next(berlin("2026-11-01T12:00"), null, 7);

        assertThat(shown(times)).containsExactly(
                "2026-11-03T12:00+01:00", "2026-11-03T16:00+01:00",
                "2026-11-04T12:00+01:00", "2026-11-04T16:00+01:00",
                "2026-11-05T12:00+01:00", "2026-11-05T16:00+01:00",
                "2026-11-10T12:00+01:00");
    }

    @Test
    void theWindowsEndIsExclusive() {
        Schedule atFive = schedule("0 17 * * *", new Window(EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0),
                LocalTime.of(17, 1)), null);

        assertThat(shown(atFive.next(berlin("2026-11-01T12:00"), null, 1))).containsExactly("2026-11-01T17:00+01:00");
        assertThatThrownBy(() -> schedule("0 17 * * *", WORKING_HOURS, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachDrillTimeIsAtLeastTheMinIntervalAfterTheLastDrillAndThenThePlannedOne() {
        Schedule daily = schedule("0 10 * * *", Window.ALWAYS, Duration.ofDays(3));

        List<ZonedDateTime> times = daily.next(berlin("2026-11-01T12:00"), berlin("2026-10-31T10:30"), 3);

        assertThat(shown(times))
                .containsExactly("2026-11-04T10:00+01:00", "2026-11-07T10:00+01:00", "2026-11-10T10:00+01:00");
    }

    @Test
    void aDrillStartedAMomentAfterItsTimeDoesNotPushTheNextOneOut() {
        Schedule weekly = schedule("0 10 * * tue", Window.ALWAYS, Duration.ofDays(7));
        Instant startedLate = berlin("2026-11-03T10:00").plusMillis(40_250);

        assertThat(shown(weekly.next(berlin("2026-11-03T10:00"), startedLate, 1)))
                .containsExactly("2026-11-10T10:00+01:00");
    }

    @Test
    void aLastDrillLongAgoDoesNotDelayTheNextTime() {

        Schedule daily = schedule("0 10 * * *", Window.ALWAYS, Duration.ofDays(3));

        assertThat(shown(daily.next(berlin("2026-11-01T12:00"), berlin("2026-10-01T10:00"), 1)))
                .containsExactly("2026-11-02T10:00+01:00");
    }

    @Test
    void aWindowStartInsideTheSpringForwardGapStillAllowsTheFirstTimeAfterIt() {
        Window fromHalfPastTwo = new Window(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30), LocalTime.of(4, 0));
        Schedule quarterly = schedule("*/15 * * * *", fromHalfPastTwo, null);

        assertThat(shown(quarterly.next(berlin("2026-03-28T12:00"), null, 2)))
                .containsExactly("2026-03-29T03:00+02:00", "2026-03-29T03:15+02:00");
    }

    @Test
    void aWindowThatAllowsNoCronTimeIsRefusedNamingBoth() {
        assertThatThrownBy(() -> schedule("0 10 * * mon", WORKING_HOURS, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window: expected a window that allows some time of cron '0 10 * * mon' but was"
                        + " days tue, wed, thu, hours 09:00-17:00");
    }

    @Test
    void zeroTimesAskedGivesNone() {
        assertThat(schedule("0 10 * * 2", Window.ALWAYS, null).next(berlin("2026-11-01T12:00"), null, 0)).isEmpty();
    }

    @Test
    void aCronTimeIsToldWhyItIsNotADrillTime() {
        Schedule daily = schedule("0 10 * * *", WORKING_HOURS, Duration.ofDays(7));
        ZonedDateTime monday = ZonedDateTime.parse("2026-11-02T10:00+01:00[Europe/Berlin]");
        ZonedDateTime wednesday = ZonedDateTime.parse("2026-11-04T10:00+01:00[Europe/Berlin]");

        assertThat(daily.notADrillTime(monday, null))
                .isEqualTo("outside the window (days tue, wed, thu, hours 09:00-17:00)");
        assertThat(daily.notADrillTime(wednesday, berlin("2026-11-03T10:00")))
                .isEqualTo("within min-interval 7d of the drill before");
        assertThat(daily.notADrillTime(wednesday, berlin("2026-10-27T10:00"))).isNull();
    }
}
