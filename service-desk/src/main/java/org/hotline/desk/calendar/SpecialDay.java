package org.hotline.desk.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A date unlike its weekday: a public holiday (closed all day), or a make-up working day
 * (调休: open, for example on a Saturday, with the hours of another weekday).
 */
public record SpecialDay(LocalDate date, String name, Optional<DayOfWeek> hoursOf) {

    public static SpecialDay holiday(LocalDate date, String name) {
        return new SpecialDay(date, name, Optional.empty());
    }

    public static SpecialDay makeUpWorkday(LocalDate date, String name, DayOfWeek hoursOf) {
        return new SpecialDay(date, name, Optional.of(hoursOf));
    }

    public boolean isHoliday() {
        return hoursOf.isEmpty();
    }
}
