package org.hotline.api.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;

/**
 * The measures of DOMAIN.md over a period (a day or a month in the hotline's time zone), from
 * the stored calls, callbacks, SLA clocks, records and surveys: per queue answered / abandoned,
 * service level (by the queue's own threshold), average speed of answer, longest wait, talk
 * time; per agent answered calls and talk time; callbacks done, on time, failed; SLA milestones
 * met and missed; records by type; complaints by type and by outcome; repeat repairs (a repair of
 * a product repaired within the last {@code repeatDays}); per technician jobs, on site, on-site
 * deadline met, time to site and jobs repaired again; satisfaction. {@link KpiCsv} writes it as CSV.
 */
final class KpiReport {

    private final int serviceLevelSeconds;
    private final long callbacksOnTimeSeconds;

    KpiReport(int serviceLevelSeconds, java.time.Duration callbacksOnTime) {
        this.callbacksOnTimeSeconds = callbacksOnTime.toSeconds();
        this.serviceLevelSeconds = serviceLevelSeconds;
    }

    JsonObject build(DSLContext db, String period, Instant from, Instant to, int repeatDays) {
        Object[] range = {from.toString(), to.toString()}; // bound as text, cast by the SQL (?::timestamptz)
        JsonObject report = new JsonObject().put("period", period).put("from", from.toString()).put("to", to.toString())
                .put("serviceLevelSeconds", serviceLevelSeconds).put("repeatRepairDays", repeatDays);
        report.put("queues", rows(db, """
                SELECT coalesce(c.queue_name, '(none)') AS queue,
                       coalesce(max(q.service_level_seconds), ?) AS service_level_seconds,
                       count(*) FILTER (WHERE c.queued_at IS NOT NULL) AS offered,
                       count(*) FILTER (WHERE c.answered_at IS NOT NULL AND c.queued_at IS NOT NULL) AS answered,
                       count(*) FILTER (WHERE c.outcome = 'abandoned') AS abandoned,
                       round(100.0 * count(*) FILTER (WHERE c.answered_at IS NOT NULL
                                                        AND c.wait_seconds <= coalesce(q.service_level_seconds, ?))
                             / nullif(count(*) FILTER (WHERE c.queued_at IS NOT NULL
                                                        AND (c.answered_at IS NOT NULL OR c.outcome = 'abandoned')), 0), 1)
                           AS service_level_percent,
                       round(avg(c.wait_seconds) FILTER (WHERE c.answered_at IS NOT NULL), 1) AS average_speed_of_answer_seconds,
                       max(c.wait_seconds) AS longest_wait_seconds,
                       round(avg(c.talk_seconds) FILTER (WHERE c.talk_seconds > 0), 1) AS average_talk_seconds
                FROM call c LEFT JOIN queue q ON q.name = c.queue_name
                WHERE c.offered_at >= ?::timestamptz AND c.offered_at < ?::timestamptz GROUP BY 1 ORDER BY 1
                """, serviceLevelSeconds, serviceLevelSeconds, range[0], range[1]));
        report.put("agents", rows(db, """
                SELECT a.username AS agent, count(*) AS answered, round(sum(c.talk_seconds), 0) AS talk_seconds,
                       round(avg(c.talk_seconds), 1) AS average_talk_seconds
                FROM call c JOIN agent a ON a.id = c.agent_id
                WHERE c.offered_at >= ?::timestamptz AND c.offered_at < ?::timestamptz AND c.answered_at IS NOT NULL GROUP BY 1 ORDER BY 1
                """, range));
        report.put("callbacks", rows(db, """
                SELECT count(*) FILTER (WHERE status = 'done') AS done,
                       count(*) FILTER (WHERE status = 'done' AND completed_at <= due_at + ? * interval '1 second') AS done_on_time,
                       count(*) FILTER (WHERE status IN ('failed', 'expired')) AS failed
                FROM callback WHERE completed_at >= ?::timestamptz AND completed_at < ?::timestamptz
                """, callbacksOnTimeSeconds, range[0], range[1]).getJsonObject(0));
        report.put("slaMilestones", rows(db, """
                SELECT milestone_code AS milestone, count(*) FILTER (WHERE state = 'met') AS met,
                       count(*) FILTER (WHERE state = 'missed' OR breached_at IS NOT NULL) AS missed,
                       count(*) FILTER (WHERE state = 'cancelled' AND breached_at IS NULL) AS ended
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
        report.put("complaintsByOutcome", rows(db, """
                SELECT c.validity, coalesce(c.customer_reaction, '(none yet)') AS customer_reaction, count(*) AS complaints,
                       count(*) FILTER (WHERE r.status = 'closed') AS closed, count(*) FILTER (WHERE c.unhappy_rounds > 0) AS reopened
                FROM contact_record r JOIN complaint c ON c.record_id = r.id
                WHERE r.created_at >= ?::timestamptz AND r.created_at < ?::timestamptz GROUP BY 1, 2 ORDER BY 1, 2
                """, range));
        report.put("repeatRepairs", rows(db, """
                SELECT count(*) AS repairs,
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM contact_record earlier WHERE earlier.asset_id = r.asset_id
                           AND earlier.type = 'repair' AND earlier.status <> 'cancelled' AND earlier.id <> r.id
                           AND earlier.created_at < r.created_at AND earlier.created_at >= r.created_at - make_interval(days => ?)))
                           AS repeats
                FROM contact_record r
                WHERE r.type = 'repair' AND r.asset_id IS NOT NULL AND r.created_at >= ?::timestamptz AND r.created_at < ?::timestamptz
                """, repeatDays, range[0], range[1]).getJsonObject(0));
        report.put("technicians", rows(db, """
                SELECT w.technician, count(*) AS jobs, count(w.arrived_at) AS on_site, count(w.finished_at) AS finished,
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sla_clock k WHERE k.record_id = w.record_id
                           AND k.milestone_code = 'on-site' AND k.state = 'met')) AS on_site_deadline_met,
                       round(avg(extract(epoch FROM w.arrived_at - w.dispatched_at) / 60)::numeric, 1) AS average_minutes_to_site,
                       count(*) FILTER (WHERE w.finished_at IS NOT NULL AND EXISTS (SELECT 1 FROM contact_record r
                           JOIN contact_record later ON later.asset_id = r.asset_id
                           WHERE r.id = w.record_id AND later.type = 'repair' AND later.status <> 'cancelled' AND later.id <> r.id
                             AND later.created_at > w.finished_at AND later.created_at <= w.finished_at + make_interval(days => ?)))
                           AS repaired_again
                FROM work_order w
                WHERE w.technician IS NOT NULL AND w.dispatched_at >= ?::timestamptz AND w.dispatched_at < ?::timestamptz
                GROUP BY 1 ORDER BY 1
                """, repeatDays, range[0], range[1]));
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
}
