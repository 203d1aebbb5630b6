package org.hotline.desk.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/** The period a KPI report covers: a day or a month in the hotline's time zone, from (inclusive) to (exclusive). */
public record KpiPeriod(String name, Instant from, Instant to) {

    public static KpiPeriod day(LocalDate day, ZoneId zone) {
        return new KpiPeriod("daily " + day, day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    public static KpiPeriod month(YearMonth month, ZoneId zone) {
        return new KpiPeriod("monthly " + month, month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }
}
