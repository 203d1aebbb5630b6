package org.hotline.desk.sla;

import org.hotline.desk.calendar.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a milestone allows, on which clock: "30m", "24h", "90d" on the calendar clock (a
 * day is 24 hours), "4h" of working time, "7d" on the working-days clock.
 */
public record Allowance(ClockKind clock, long amount, Unit unit) {

    public enum Unit { MINUTES, HOURS, DAYS }

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(m|min|h|d)");

    public Allowance {
        if (amount <= 0) {
            throw new IllegalArgumentException("a deadline must be longer than zero");
        }
        if (clock == ClockKind.WORKING_DAYS && unit != Unit.DAYS) {
            throw new IllegalArgumentException("working-days deadlines are given in days, like 7d");
        }
        if (clock == ClockKind.WORKING && unit == Unit.DAYS) {
            throw new IllegalArgumentException("working time is given in hours or minutes; for days use the working-days clock");
        }
    }

    /** Parses "30m", "4h", "7d" for the given clock. */
    public static Allowance parse(ClockKind clock, String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 30m, 4h or 7d");
        }
        Unit unit = switch (m.group(2)) {
            case "m", "min" -> Unit.MINUTES;
            case "h" -> Unit.HOURS;
            default -> Unit.DAYS;
        };
        return new Allowance(clock, Long.parseLong(m.group(1)), unit);
    }

    /**
     * The time this allowance grants a clock started at {@code start}, measured on its clock:
     * for working days, the working time from the start to the same time of day N working days on.
     */
    Duration budget(BusinessCalendar calendar, Instant start) {
        return switch (unit) {
            case MINUTES -> Duration.ofMinutes(amount);
            case HOURS -> Duration.ofHours(amount);
            case DAYS -> clock == ClockKind.CALENDAR ? Duration.ofDays(amount)
                    : calendar.workingTimeBetween(start, calendar.addWorkingDays(start, (int) amount));
        };
    }

    @Override
    public String toString() {
        return amount + switch (unit) {
            case MINUTES -> "m";
            case HOURS -> "h";
            case DAYS -> "d";
        } + " " + clock.configName();
    }
}
