package org.hotline.api.reports;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.auth.Bearer;
import org.hotline.api.auth.Role;
import org.hotline.api.problem.InvalidRequest;
import org.hotline.desk.reports.KpiPeriod;
import org.hotline.desk.reports.KpiQueries;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /reports/daily?date=2026-11-23} and {@code GET /reports/monthly?month=2026-11}
 * (supervisor and above): the KPI report as JSON, or as CSV with {@code format=csv} or
 * {@code Accept: text/csv}. Days and months are the hotline's time zone.
 */
public final class ReportRoutes {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final ZoneId zone;
    private final KpiQueries report;

    public ReportRoutes(Vertx vertx, DataSource dataSource, ZoneId zone, int serviceLevelSeconds, java.time.Duration callbacksOnTime) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.zone = zone;
        this.report = new KpiQueries(serviceLevelSeconds, callbacksOnTime);
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/reports/daily").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR)).handler(ctx -> {
            LocalDate day = parse(() -> LocalDate.parse(required(ctx, "date")), "date: a day like 2026-11-23");
            send(ctx, KpiPeriod.day(day, zone));
        });
        router.get("/reports/monthly").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR)).handler(ctx -> {
            YearMonth month = parse(() -> YearMonth.parse(required(ctx, "month")), "month: a month like 2026-11");
            send(ctx, KpiPeriod.month(month, zone));
        });
    }

    private void send(RoutingContext ctx, KpiPeriod period) {
        boolean csv = "csv".equals(ctx.queryParams().get("format"))
                || String.valueOf(ctx.request().getHeader("Accept")).contains("text/csv");
        int repeatDays = repeatDays(ctx);
        vertx.executeBlocking(() -> io.vertx.core.json.JsonObject.mapFrom(
                        report.report(DSL.using(dataSource, SQLDialect.POSTGRES), period, repeatDays)), false)
                .onSuccess(json -> {
                    if (csv) {
                        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                                .putHeader("Content-Disposition", "attachment; filename=\"hotline-" + period.name().replace(' ', '-') + ".csv\"")
                                .end(KpiCsv.csv(json));
                    } else {
                        ctx.json(json);
                    }
                }).onFailure(ctx::fail);
    }

    /** {@code repeatDays}: a repair within this many days of another of the same product is a repeat (default 30). */
    private static int repeatDays(RoutingContext ctx) {
        String value = ctx.queryParams().get("repeatDays");
        if (value == null || value.isBlank()) {
            return 30;
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 1 && days <= 365) {
                return days;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new InvalidRequest(List.of("repeatDays: a whole number of days from 1 to 365"));
    }

    private static String required(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isBlank()) {
            throw new DateTimeParseException("missing", "", 0);
        }
        return value;
    }

    private static <T> T parse(java.util.function.Supplier<T> read, String error) {
        try {
            return read.get();
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(List.of(error));
        }
    }
}
