package org.hotline.desk.calendar;

import org.hotline.desk.yaml.YamlMap;
import org.hotline.desk.yaml.YamlNode;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a business calendar from YAML:
 * <pre>
 * time-zone: Asia/Shanghai
 * always-open: false
 * week: {monday: [09:00-12:00, 13:30-18:00], ...}
 * holidays: [{date: 2026-10-01, name: 国庆节}]
 * make-up-workdays: [{date: 2026-10-10, hours-of: monday, name: 调休}]
 * </pre>
 */
public final class CalendarReader {

    private CalendarReader() {
    }

    public static BusinessCalendar read(String code, YamlNode node) {
        YamlMap map = node.mapping("time-zone", "always-open", "week", "holidays", "make-up-workdays");
        ZoneId zone = map.required("time-zone").as(ZoneId::of, "a time zone like Asia/Shanghai");
        if (map.optional("always-open").map(YamlNode::bool).orElse(false)) {
            return BusinessCalendar.alwaysOpen(code, zone);
        }
        YamlNode weekNode = map.required("week");
        Map<DayOfWeek, List<OpeningInterval>> week = new EnumMap<>(DayOfWeek.class);
        weekNode.entries().forEach((day, intervals) -> {
            DayOfWeek weekday = day(intervals, day);
            week.put(weekday, intervals.list().stream()
                    .map(i -> i.as(OpeningInterval::parse, "an interval like 09:00-12:00")).toList());
        });
        List<SpecialDay> special = new ArrayList<>();
        map.optional("holidays").ifPresent(list -> list.list().forEach(item -> {
            YamlMap holiday = item.mapping("date", "name");
            special.add(SpecialDay.holiday(holiday.required("date").as(LocalDate::parse, "a date like 2026-10-01"),
                    holiday.optional("name").map(YamlNode::text).orElse("")));
        }));
        map.optional("make-up-workdays").ifPresent(list -> list.list().forEach(item -> {
            YamlMap day = item.mapping("date", "hours-of", "name");
            YamlNode hoursOf = day.required("hours-of");
            special.add(SpecialDay.makeUpWorkday(day.required("date").as(LocalDate::parse, "a date like 2026-10-10"),
                    day.optional("name").map(YamlNode::text).orElse(""), day(hoursOf, hoursOf.text())));
        }));
        try {
            return BusinessCalendar.of(code, zone, week, special);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static DayOfWeek day(YamlNode at, String name) {
        try {
            return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw at.error("'" + name + "' is not a weekday (monday ... sunday)");
        }
    }
}
