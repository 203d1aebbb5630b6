package org.hotline.desk.sla;

import org.hotline.desk.calendar.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;

/** How a deadline counts time: every second, or only the business calendar's opening hours. */
public enum ClockKind {
    /** Every second counts ("24 h", "30 min"). */
    CALENDAR,
    /** Only opening hours count ("4 working hours"). */
    WORKING,
    /** Working days: the same time of day N working days later ("7 working days"). */
    WORKING_DAYS;

    /** The instant at which {@code amount} of this clock's time has passed since {@code from}. */
    Instant advance(BusinessCalendar calendar, Instant from, Duration amount) {
        return this == CALENDAR ? from.plus(amount) : calendar.addWorkingTime(from, amount);
    }

    /** This clock's time between two instants. */
    Duration measure(BusinessCalendar calendar, Instant from, Instant to) {
        return this == CALENDAR ? Duration.between(from, to) : calendar.workingTimeBetween(from, to);
    }

    /** The name used in configuration files. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
