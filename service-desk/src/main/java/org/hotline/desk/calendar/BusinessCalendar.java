package org.hotline.desk.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * When the service is open: weekly opening intervals, public holidays and make-up working days,
 * in one time zone; or always (24x7). Working time is real elapsed time inside opening hours,
 * exact to the nanosecond, so a DST change inside opening hours makes that day an hour shorter
 * or longer, as the clock on the wall says.
 */
public final class BusinessCalendar {

    /** How far ahead to look for an opening before deciding the calendar never opens. */
    private static final int HORIZON_DAYS = 3 * 366;

    private final String code;
    private final ZoneId zone;
    private final boolean alwaysOpen;
    private final Map<DayOfWeek, List<OpeningInterval>> week;
    private final Map<LocalDate, SpecialDay> specialDays;

    private BusinessCalendar(String code, ZoneId zone, boolean alwaysOpen, Map<DayOfWeek, List<OpeningInterval>> week,
                             Map<LocalDate, SpecialDay> specialDays) {
        this.code = code;
        this.zone = zone;
        this.alwaysOpen = alwaysOpen;
        this.week = week;
        this.specialDays = specialDays;
    }

    /** Open around the clock, every day. */
    public static BusinessCalendar alwaysOpen(String code, ZoneId zone) {
        return new BusinessCalendar(code, zone, true, Map.of(), Map.of());
    }

    /**
     * @param week the opening intervals of each weekday (a weekday not in the map is closed)
     * @throws IllegalArgumentException when intervals of a day overlap, or nothing is ever open
     */
    public static BusinessCalendar of(String code, ZoneId zone, Map<DayOfWeek, ? extends Collection<OpeningInterval>> week,
                                      Collection<SpecialDay> specialDays) {
        Map<DayOfWeek, List<OpeningInterval>> sorted = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, intervals) -> {
            List<OpeningInterval> list = new ArrayList<>(intervals);
            list.sort(null);
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i - 1).overlaps(list.get(i))) {
                    throw new IllegalArgumentException(code + ": " + day + " has overlapping opening intervals "
                            + list.get(i - 1) + " and " + list.get(i));
                }
            }
            if (!list.isEmpty()) {
                sorted.put(day, List.copyOf(list));
            }
        });
        Map<LocalDate, SpecialDay> special = new TreeMap<>();
        for (SpecialDay day : specialDays) {
            if (special.put(day.date(), day) != null) {
                throw new IllegalArgumentException(code + ": " + day.date() + " is listed twice");
            }
            if (day.hoursOf().isPresent() && !sorted.containsKey(day.hoursOf().get())) {
                throw new IllegalArgumentException(code + ": make-up working day " + day.date() + " takes the hours of "
                        + day.hoursOf().get() + ", which has none");
            }
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException(code + ": no opening hours on any weekday");
        }
        return new BusinessCalendar(code, zone, false, sorted, Map.copyOf(special));
    }

    public String code() {
        return code;
    }

    public ZoneId zone() {
        return zone;
    }

    /** True when the service is open at {@code instant}. */
    public boolean isOpen(Instant instant) {
        if (alwaysOpen) {
            return true;
        }
        LocalDate date = instant.atZone(zone).toLocalDate();
        for (LocalDate day = date.minusDays(1); !day.isAfter(date); day = day.plusDays(1)) {
            for (Span span : openSpans(day)) {
                if (span.contains(instant)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code instant} itself when open, else the next moment the service opens. */
    public Instant nextOpening(Instant instant) {
        if (alwaysOpen) {
            return instant;
        }
        LocalDate day = instant.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i <= HORIZON_DAYS; i++, day = day.plusDays(1)) {
            for (Span span : openSpans(day)) {
                if (span.end.isAfter(instant)) {
                    return span.start.isAfter(instant) ? span.start : instant;
                }
            }
        }
        throw neverOpen();
    }

    /**
     * The instant at which {@code amount} of working time has passed since {@code start}. Time
     * outside opening hours does not count. Adding zero returns {@code start}.
     */
    public Instant addWorkingTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("cannot add negative working time: " + amount);
        }
        if (alwaysOpen || amount.isZero()) {
            return start.plus(amount);
        }
        Duration remaining = amount;
        LocalDate day = start.atZone(zone).toLocalDate().minusDays(1);
        for (int closedDays = 0; closedDays <= HORIZON_DAYS; day = day.plusDays(1)) {
            List<Span> spans = openSpans(day);
            closedDays = spans.isEmpty() ? closedDays + 1 : 0;
            for (Span span : spans) {
                if (!span.end.isAfter(start)) {
                    continue;
                }
                Instant from = span.start.isAfter(start) ? span.start : start;
                Duration available = Duration.between(from, span.end);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw neverOpen();
    }

    /** Working time between two instants; negative when {@code to} is before {@code from}. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return workingTimeBetween(to, from).negated();
        }
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Span span : openSpans(day)) {
                Instant start = span.start.isAfter(from) ? span.start : from;
                Instant end = span.end.isBefore(to) ? span.end : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /**
     * The same local time of day, {@code days} working days later: counted from the next
     * opening if {@code start} is outside opening hours, and kept within that day's hours.
     */
    public Instant addWorkingDays(Instant start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("cannot add negative working days: " + days);
        }
        Instant from = nextOpening(start);
        if (days == 0) {
            return from;
        }
        if (alwaysOpen) {
            return from.atZone(zone).plusDays(days).toInstant();
        }
        LocalTime timeOfDay = from.atZone(zone).toLocalTime();
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int counted = 0, scanned = 0; counted < days; scanned++) {
            if (scanned > HORIZON_DAYS) {
                throw neverOpen();
            }
            day = day.plusDays(1);
            if (!intervalsOn(day).isEmpty()) {
                counted++;
            }
        }
        List<Span> spans = openSpans(day);
        Instant wanted = day.atTime(timeOfDay).atZone(zone).toInstant();
        Instant first = spans.getFirst().start;
        Instant last = spans.getLast().end;
        return wanted.isBefore(first) ? first : wanted.isAfter(last) ? last : wanted;
    }

    /** Whether {@code date} is a working day (has opening hours). */
    public boolean isWorkingDay(LocalDate date) {
        return alwaysOpen || !intervalsOn(date).isEmpty();
    }

    /** The opening intervals that apply on {@code date}, holidays and make-up days considered. */
    public List<OpeningInterval> intervalsOn(LocalDate date) {
        if (alwaysOpen) {
            return List.of(new OpeningInterval(LocalTime.MIDNIGHT, OpeningInterval.MIDNIGHT_END));
        }
        Optional<SpecialDay> special = Optional.ofNullable(specialDays.get(date));
        if (special.isPresent()) {
            return special.get().hoursOf().map(d -> week.getOrDefault(d, List.of())).orElse(List.of());
        }
        return week.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** The opening intervals of a date as instants, in order. */
    private List<Span> openSpans(LocalDate date) {
        List<OpeningInterval> intervals = intervalsOn(date);
        List<Span> spans = new ArrayList<>(intervals.size());
        for (OpeningInterval interval : intervals) {
            Instant start = date.atTime(interval.opens()).atZone(zone).toInstant();
            Instant end = interval.closes().equals(OpeningInterval.MIDNIGHT_END)
                    ? date.plusDays(1).atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(date, interval.closes(), zone).toInstant();
            if (end.isAfter(start)) { // a DST gap can swallow a short interval
                spans.add(new Span(start, end));
            }
        }
        return spans;
    }

    private IllegalStateException neverOpen() {
        return new IllegalStateException("calendar " + code + " has no opening within " + HORIZON_DAYS + " days");
    }

    private record Span(Instant start, Instant end) {
        boolean contains(Instant instant) {
            return !instant.isBefore(start) && instant.isBefore(end);
        }
    }
}
