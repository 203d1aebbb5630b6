package org.hotline.api.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The measures of DOMAIN.md over a period (a day or a month in the hotline's time zone), from
 * the stored calls, callbacks, SLA clocks, records and surveys: per queue answered / abandoned,
 * service level, average speed of answer, longest wait, talk time; per agent answered calls and
 * talk time; callbacks done, on time, failed; SLA milestones met and missed; records by type;
 * complaints by type; satisfaction.
 */
final class KpiReport {

    private final int serviceLevelSeconds;

    KpiReport(int serviceLevelSeconds) {
        this.serviceLevelSeconds = serviceLevelSeconds;
    }

    JsonObject build(DSLContext db, String period, Instant from, Instant to) {
        Object[] range = {from.toString(), to.toString()}; // bound as text, cast by the SQL (?::timestamptz)
        JsonObject report = new JsonObject().put("period", period).put("from", from.toString()).put("to", to.toString())
                .put("serviceLevelSeconds", serviceLevelSeconds);
        report.put("queues", rows(db, """
                SELECT coalesce(queue_name, '(none)') AS queue,
                       count(*) FILTER (WHERE queued_at IS NOT NULL) AS offered,
                       count(*) FILTER (WHERE answered_at IS NOT NULL AND queued_at IS NOT NULL) AS answered,
                       count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
                       round(100.0 * count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_seconds <= ?)
                             / nullif(count(*) FILTER (WHERE queued_at IS NOT NULL AND (answered_at IS NOT NULL OR outcome = 'abandoned')), 0), 1)
                           AS service_level_percent,
                       round(avg(wait_seconds) FILTER (WHERE answered_at IS NOT NULL), 1) AS average_speed_of_answer_seconds,
                       max(wait_seconds) AS longest_wait_seconds,
                       round(avg(talk_seconds) FILTER (WHERE talk_seconds > 0), 1) AS average_talk_seconds
                FROM call WHERE offered_at >= ?::timestamptz AND offered_at < ?::timestamptz GROUP BY 1 ORDER BY 1
                """, serviceLevelSeconds, range[0], range[1]));
        report.put("agents", rows(db, """
                SELECT a.username AS agent, count(*) AS answered, round(sum(c.talk_seconds), 0) AS talk_seconds,
                       round(avg(c.talk_seconds), 1) AS average_talk_seconds
                FROM call c JOIN agent a ON a.id = c.agent_id
                WHERE c.offered_at >= ?::timestamptz AND c.offered_at < ?::timestamptz AND c.answered_at IS NOT NULL GROUP BY 1 ORDER BY 1
                """, range));
        report.put("callbacks", rows(db, """
                SELECT count(*) FILTER (WHERE status = 'done') AS done,
                       count(*) FILTER (WHERE status = 'done' AND completed_at <= due_at + interval '15 minutes') AS done_on_time,
                       count(*) FILTER (WHERE status IN ('failed', 'expired')) AS failed
                FROM callback WHERE completed_at >= ?::timestamptz AND completed_at < ?::timestamptz
                """, range).getJsonObject(0));
        report.put("slaMilestones", rows(db, """
                SELECT milestone_code AS milestone, count(*) FILTER (WHERE state = 'met') AS met,
                       count(*) FILTER (WHERE state = 'missed' OR breached_at IS NOT NULL) AS missed
                FROM sla_clock WHERE deadline_at >= ?::timestamptz AND deadline_at < ?::timestamptz GROUP BY 1 ORDER BY 1
                """, range));
        report.put("recordsByType", rows(db, """
                SELECT type, count(*) AS created FROM contact_record WHERE created_at >= ?::timestamptz AND created_at < ?::timestamptz GROUP BY 1 ORDER BY 1
                """, range));
        report.put("complaintsByType", rows(db, """
                SELECT coalesce(c.complaint_type, '(not judged)') AS complaint_type, count(*) AS complaints
                FROM contact_record r LEFT JOIN complaint c ON c.record_id = r.id
                WHERE r.type = 'complaint' AND r.created_at >= ?::timestamptz AND r.created_at < ?::timestamptz GROUP BY 1 ORDER BY 1
                """, range));
        report.put("satisfaction", rows(db, """
                SELECT q.code AS question, count(*) AS answers, round(avg(a.score), 2) AS average_score,
                       count(*) FILTER (WHERE a.level = 'excellent') AS excellent, count(*) FILTER (WHERE a.level = 'good') AS good,
                       count(*) FILTER (WHERE a.level = 'fair') AS fair, count(*) FILTER (WHERE a.level = 'poor') AS poor
                FROM survey_answer a JOIN survey_question q ON q.id = a.question_id
                WHERE a.answered_at >= ?::timestamptz AND a.answered_at < ?::timestamptz GROUP BY 1 ORDER BY 1
                """, range));
        return report;
    }

    private static JsonArray rows(DSLContext db, String sql, Object... bindings) {
        JsonArray rows = new JsonArray();
        for (Record r : db.resultQuery(sql, bindings).fetch()) {
            JsonObject row = new JsonObject();
            for (int i = 0; i < r.size(); i++) {
                Object value = r.get(i);
                row.put(camel(r.field(i).getName()), value instanceof java.math.BigDecimal d ? d.doubleValue()
                        : value instanceof Number n ? n.longValue() : value);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** The report as CSV: one line per row of each section, the section first, a header line per section. */
    static String csv(JsonObject report) {
        StringBuilder out = new StringBuilder();
        for (String section : List.of("queues", "agents", "callbacks", "slaMilestones", "recordsByType", "complaintsByType",
                "satisfaction")) {
            Object value = report.getValue(section);
            List<JsonObject> rows = new ArrayList<>();
            if (value instanceof JsonArray array) {
                array.forEach(r -> rows.add((JsonObject) r));
            } else if (value instanceof JsonObject single) {
                rows.add(single);
            }
            if (rows.isEmpty()) {
                continue;
            }
            List<String> columns = new ArrayList<>(rows.getFirst().fieldNames());
            out.append("section,").append(String.join(",", columns)).append("\r\n");
            for (JsonObject row : rows) {
                out.append(section);
                for (String column : columns) {
                    out.append(',').append(cell(row.getValue(column)));
                }
                out.append("\r\n");
            }
        }
        return out.toString();
    }

    private static String cell(Object value) {
        String text = value == null ? "" : String.valueOf(value);
        if (text.startsWith("=") || text.startsWith("+") || text.startsWith("-") || text.startsWith("@")) {
            text = "'" + text; // a spreadsheet must not take a cell for a formula
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

}
