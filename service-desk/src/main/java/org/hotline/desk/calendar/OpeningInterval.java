package org.hotline.desk.calendar;

import java.time.LocalTime;

/**
 * Hours within one day when the service is open: from {@code opens} to {@code closes}, the end
 * excluded. {@code closes} may be {@link #MIDNIGHT_END} for "until midnight". A lunch break is
 * the gap between two intervals of one day.
 */
public record OpeningInterval(LocalTime opens, LocalTime closes) implements Comparable<OpeningInterval> {

    /** Stands for 24:00, the end of the day. */
    public static final LocalTime MIDNIGHT_END = LocalTime.MAX;

    public OpeningInterval {
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("an opening interval must open before it closes: " + opens + "-" + closes);
        }
    }

    /** Parses {@code "09:00-12:00"}; {@code 24:00} is accepted as the end of the day. */
    public static OpeningInterval parse(String text) {
        String[] parts = text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not an interval like 09:00-12:00");
        }
        LocalTime closes = parts[1].equals("24:00") ? MIDNIGHT_END : LocalTime.parse(parts[1]);
        return new OpeningInterval(LocalTime.parse(parts[0]), closes);
    }

    boolean overlaps(OpeningInterval other) {
        return opens.isBefore(other.closes) && other.opens.isBefore(closes);
    }

    @Override
    public int compareTo(OpeningInterval other) {
        return opens.compareTo(other.opens);
    }

    @Override
    public String toString() {
        return opens + "-" + (closes.equals(MIDNIGHT_END) ? "24:00" : closes.toString());
    }
}
