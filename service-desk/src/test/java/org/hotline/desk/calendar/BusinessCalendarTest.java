package org.hotline.desk.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static java.time.LocalDate.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Mon-Fri 09:00-12:00 and 13:30-18:00; National Day week off; Saturday 10 October worked with Monday's hours. */
    private final BusinessCalendar office = BusinessCalendar.of("office", SHANGHAI, weekdays("09:00-12:00", "13:30-18:00"),
            List.of(SpecialDay.holiday(parse("2026-10-01"), "国庆节"), SpecialDay.holiday(parse("2026-10-02"), "国庆节"),
                    SpecialDay.holiday(parse("2026-10-05"), "国庆节"), SpecialDay.holiday(parse("2026-10-06"), "国庆节"),
                    SpecialDay.holiday(parse("2026-10-07"), "国庆节"),
                    SpecialDay.makeUpWorkday(parse("2026-10-10"), "调休", MONDAY)));

    @Test
    void workingHoursSkipTheLunchBreak() {
        assertThat(office.addWorkingTime(at("2026-11-23T10:00"), Duration.ofHours(4))).isEqualTo(at("2026-11-23T15:30"));
    }

    @Test
    void workingHoursSkipTheNightAndTheWeekend() {
        assertThat(office.addWorkingTime(at("2026-11-27T17:00"), Duration.ofHours(4))).isEqualTo(at("2026-11-30T12:00"));
    }

    @Test
    void aClockStartedOutsideOpeningHoursStartsAtTheOpening() {
        assertThat(office.addWorkingTime(at("2026-11-23T07:00"), Duration.ofMinutes(30))).isEqualTo(at("2026-11-23T09:30"));
        assertThat(office.addWorkingTime(at("2026-11-23T12:30"), Duration.ofHours(1))).isEqualTo(at("2026-11-23T14:30"));
        assertThat(office.addWorkingTime(at("2026-11-28T11:00"), Duration.ofHours(1))).isEqualTo(at("2026-11-30T10:00"));
    }

    @Test
    void exactToTheSecondAtTheEdges() {
        assertThat(office.addWorkingTime(at("2026-11-23T11:59:59"), Duration.ofSeconds(1))).isEqualTo(at("2026-11-23T12:00"));
        assertThat(office.addWorkingTime(at("2026-11-23T11:59:59"), Duration.ofSeconds(2))).isEqualTo(at("2026-11-23T13:30:01"));
        assertThat(office.addWorkingTime(at("2026-11-23T10:00"), Duration.ZERO)).isEqualTo(at("2026-11-23T10:00"));
    }

    @Test
    void holidaysAreSkippedAndMakeUpDaysWorked() {
        // Wednesday 30 September 17:00 + 4 h: one hour that day, then Thursday 1 October to Wednesday 7 October are
        // holidays or weekend, except nothing; work resumes Thursday 8 October
        assertThat(office.addWorkingTime(at("2026-09-30T17:00"), Duration.ofHours(4))).isEqualTo(at("2026-10-08T12:00"));
        // Friday 9 October 17:00 + 2 h: the make-up Saturday opens at 09:00 with Monday's hours
        assertThat(office.addWorkingTime(at("2026-10-09T17:00"), Duration.ofHours(2))).isEqualTo(at("2026-10-10T10:00"));
        assertThat(office.isWorkingDay(parse("2026-10-10"))).isTrue();
        assertThat(office.isWorkingDay(parse("2026-10-03"))).isFalse();
        assertThat(office.isWorkingDay(parse("2026-10-01"))).isFalse();
    }

    @Test
    void workingTimeBetweenCountsOnlyOpeningHours() {
        assertThat(office.workingTimeBetween(at("2026-11-27T17:00"), at("2026-11-30T12:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(office.workingTimeBetween(at("2026-11-28T00:00"), at("2026-11-29T23:59"))).isZero();
        assertThat(office.workingTimeBetween(at("2026-11-30T12:00"), at("2026-11-27T17:00"))).isEqualTo(Duration.ofHours(-4));
        // a full week: five days of 7.5 hours
        assertThat(office.workingTimeBetween(at("2026-11-23T00:00"), at("2026-11-30T00:00"))).isEqualTo(Duration.ofMinutes(5 * 450));
    }

    @Test
    void addingAndMeasuringAgreeEverywhere() {
        Random random = new Random(20261122);
        Instant base = at("2026-01-01T00:00");
        for (int i = 0; i < 2_000; i++) {
            Instant start = base.plusSeconds(random.nextLong(365L * 24 * 3600));
            Duration amount = Duration.ofSeconds(random.nextLong(30L * 8 * 3600));
            Instant end = office.addWorkingTime(start, amount);
            assertThat(office.workingTimeBetween(start, end)).as("from %s plus %s", start, amount).isEqualTo(amount);
            assertThat(end).isAfterOrEqualTo(start);
        }
    }

    @Test
    void daylightSavingTimeShortensAndLengthensTheDay() {
        BusinessCalendar night = BusinessCalendar.of("night", BERLIN, everyDay("01:00-04:00"), List.of());
        // 29 March 2026: 02:00 becomes 03:00, so 01:00-04:00 lasts two hours
        Instant springStart = LocalDateTime.parse("2026-03-29T01:00").atZone(BERLIN).toInstant();
        assertThat(night.addWorkingTime(springStart, Duration.ofHours(2)))
                .isEqualTo(LocalDateTime.parse("2026-03-29T04:00").atZone(BERLIN).toInstant());
        assertThat(night.workingTimeBetween(springStart, LocalDateTime.parse("2026-03-29T12:00").atZone(BERLIN).toInstant()))
                .isEqualTo(Duration.ofHours(2));
        // 25 October 2026: 03:00 becomes 02:00 again, so 01:00-04:00 lasts four hours
        Instant autumnStart = LocalDateTime.parse("2026-10-25T01:00").atZone(BERLIN).toInstant();
        assertThat(night.addWorkingTime(autumnStart, Duration.ofHours(4)))
                .isEqualTo(LocalDateTime.parse("2026-10-25T04:00").atZone(BERLIN).toInstant());
        assertThat(night.workingTimeBetween(autumnStart, LocalDateTime.parse("2026-10-25T12:00").atZone(BERLIN).toInstant()))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void openingAndNextOpening() {
        assertThat(office.isOpen(at("2026-11-23T09:00"))).isTrue();
        assertThat(office.isOpen(at("2026-11-23T12:00"))).isFalse();
        assertThat(office.isOpen(at("2026-11-28T10:00"))).isFalse();
        assertThat(office.nextOpening(at("2026-11-23T12:15"))).isEqualTo(at("2026-11-23T13:30"));
        assertThat(office.nextOpening(at("2026-11-27T18:00"))).isEqualTo(at("2026-11-30T09:00"));
        assertThat(office.nextOpening(at("2026-11-23T10:00"))).isEqualTo(at("2026-11-23T10:00"));
    }

    @Test
    void workingDaysKeepTheTimeOfDay() {
        assertThat(office.addWorkingDays(at("2026-11-23T10:00"), 7)).isEqualTo(at("2026-12-02T10:00"));
        assertThat(office.addWorkingDays(at("2026-11-28T10:00"), 1)).isEqualTo(at("2026-12-01T09:00"));
        assertThat(office.addWorkingDays(at("2026-09-30T10:00"), 1)).isEqualTo(at("2026-10-08T10:00"));
        assertThat(office.addWorkingDays(at("2026-11-23T19:00"), 0)).isEqualTo(at("2026-11-24T09:00"));
    }

    @Test
    void alwaysOpenCountsEverySecond() {
        BusinessCalendar always = BusinessCalendar.alwaysOpen("24x7", SHANGHAI);
        assertThat(always.addWorkingTime(at("2026-11-28T23:00"), Duration.ofHours(2))).isEqualTo(at("2026-11-29T01:00"));
        assertThat(always.workingTimeBetween(at("2026-11-28T00:00"), at("2026-11-29T00:00"))).isEqualTo(Duration.ofDays(1));
        assertThat(always.isOpen(at("2026-10-01T03:00"))).isTrue();
    }

    @Test
    void inconsistentCalendarsAreRefused() {
        assertThatThrownBy(() -> BusinessCalendar.of("bad", SHANGHAI, Map.of(MONDAY, List.of(
                OpeningInterval.parse("09:00-12:00"), OpeningInterval.parse("11:00-14:00"))), List.of()))
                .hasMessage("bad: MONDAY has overlapping opening intervals 09:00-12:00 and 11:00-14:00");
        assertThatThrownBy(() -> BusinessCalendar.of("bad", SHANGHAI, weekdays("09:00-18:00"),
                List.of(SpecialDay.makeUpWorkday(parse("2026-10-10"), "调休", DayOfWeek.SUNDAY))))
                .hasMessageContaining("takes the hours of SUNDAY, which has none");
        assertThatThrownBy(() -> OpeningInterval.parse("18:00-09:00")).hasMessageContaining("must open before it closes");
        assertThat(OpeningInterval.parse("20:00-24:00").toString()).isEqualTo("20:00-24:00");
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static Map<DayOfWeek, List<OpeningInterval>> weekdays(String... intervals) {
        Map<DayOfWeek, List<OpeningInterval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
            week.put(day, List.of(intervals).stream().map(OpeningInterval::parse).toList());
        }
        return week;
    }

    private static Map<DayOfWeek, List<OpeningInterval>> everyDay(String interval) {
        Map<DayOfWeek, List<OpeningInterval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(OpeningInterval.parse(interval)));
        }
        return week;
    }
}
