package org.hotline.bench.desk;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The benchmark's records, added once to the data directory beside its customers and calls: a
 * year of records of every type, most closed, the rest open at every step, handled by 200 agents,
 * each with its trail (created, a step), its first-contact clock (met, or missed and breached)
 * and, on open repairs, a running repair clock (some at risk, some breached).
 */
final class Records {

    private static final String[] FAULTS = {"空调不制冷", "洗衣机漏水", "冰箱噪音大", "热水器不加热", "显示屏故障代码 E5",
        "遥控器失灵", "安装位置咨询", "滤网更换", "外机异响", "排水不畅"};

    private Records() {
    }

    static void ensure(DSLContext db, long records, java.util.List<Long> agents) {
        long have = db.fetchCount(DSL.table("contact_record"));
        long maxCustomer = db.resultQuery("SELECT max(id) FROM customer").fetchOne().get(0, Long.class);
        String faults = "ARRAY['" + String.join("','", FAULTS) + "']";
        String handlers = "ARRAY[" + String.join(",", agents.stream().map(String::valueOf).toList()) + "]::bigint[]";
        long batch = 250_000;
        while (have < records) {
            long n = Math.min(batch, records - have);
            long started = System.nanoTime();
            db.execute("""
                    WITH made AS (
                      INSERT INTO contact_record (number, type, status, priority, customer_id, phone, summary, fault_description,
                                                  handler_agent_id, handler_department, created_at, registered_at, updated_at)
                      SELECT 'B' || lpad((%d + g)::text, 8, '0'), t.type,
                             CASE WHEN random() < 0.7 THEN 'closed' ELSE t.open END, 'normal',
                             1 + (random() * %d)::bigint, '+86138' || lpad((random() * 99999999)::bigint::text, 8, '0'),
                             'IVR ' || t.type, (%s)[1 + (random() * 9)::int] || ' SN' || (random() * 1e8)::bigint,
                             (%s)[1 + (random() * %d)::int], CASE WHEN t.type = 'complaint' THEN 'service_management' END, at, at, at
                      FROM generate_series(1, %d) g,
                           LATERAL (SELECT now() - random() * interval '365 days' + g * interval '0 s' AS at) a,
                           LATERAL (SELECT (ARRAY['repair','repair','repair','installation','consultation','complaint','maintenance',
                                                  'return_exchange','suggestion'])[1 + (random() * 8 + g * 0)::int] AS type) t0,
                           LATERAL (SELECT t0.type, CASE t0.type WHEN 'repair' THEN (ARRAY['registered','warranty_checked','dispatched',
                                                  'technician_contacted','on_site','done'])[1 + (random() * 5)::int]
                                                  WHEN 'installation' THEN 'dispatched' WHEN 'maintenance' THEN 'registered'
                                                  WHEN 'complaint' THEN 'investigating' ELSE 'open' END AS open) t
                      RETURNING id, type, status, created_at
                    ), events AS (
                      INSERT INTO record_event (record_id, occurred_at, actor_kind, actor_name, event_type, to_status)
                      SELECT id, created_at, 'ivr', 'IVR', 'created', NULL FROM made
                      UNION ALL SELECT id, created_at + interval '1 hour', 'agent', 'bench', 'transition', status FROM made
                      RETURNING 1
                    ), first_contact AS (
                      INSERT INTO sla_clock (record_id, policy_code, milestone_code, state, started_at, budget_ms, remaining_ms,
                                             running_since, stopped_at, deadline_at, breached_at, breach_at)
                      SELECT id, 'every-request', 'first-contact', CASE WHEN random() < 0.9 THEN 'met' ELSE 'missed' END,
                             created_at, 1800000, 0, created_at, created_at + interval '25 minutes', created_at + interval '30 minutes',
                             NULL, created_at + interval '30 minutes' FROM made
                      RETURNING 1
                    )
                    INSERT INTO sla_clock (record_id, policy_code, milestone_code, state, started_at, budget_ms, remaining_ms,
                                           running_since, deadline_at, at_risk_at, at_risk_raised_at, breached_at, breach_at, next_fire_at)
                    SELECT id, 'repair', 'repair-done', 'running', created_at, 86400000, 86400000, created_at,
                           created_at + interval '1 day', created_at + interval '1152 minutes', NULL, NULL, created_at + interval '1 day', NULL
                    FROM made WHERE type = 'repair' AND status NOT IN ('closed', 'done')
                    """.formatted(have, maxCustomer - 1, faults, handlers, agents.size() - 1, n));
            have += n;
            System.out.printf("  %,d records (%.0f s for these %,d)%n", have, (System.nanoTime() - started) / 1e9, n);
        }
        // the repair clocks as the timers would have left them now: due a day after they started, breached once past it, at
        // risk in the last fifth of their 24 hours (so at risk only on records of the last day, a few dozen at a time)
        db.execute("UPDATE sla_clock SET deadline_at = started_at + interval '1 day', breach_at = started_at + interval '1 day', "
                + "at_risk_at = started_at + interval '1152 minutes' WHERE milestone_code = 'repair-done' AND deadline_at <> started_at + interval '1 day'");
        db.execute("UPDATE sla_clock SET breached_at = deadline_at WHERE milestone_code = 'repair-done' AND state = 'running' "
                + "AND deadline_at < now() AND breached_at IS NULL");
        db.execute("UPDATE sla_clock SET at_risk_raised_at = CASE WHEN deadline_at < now() + interval '288 minutes' "
                + "THEN deadline_at - interval '288 minutes' END WHERE milestone_code = 'repair-done' AND state = 'running' AND breached_at IS NULL");
        db.execute("ANALYZE contact_record");
        db.execute("ANALYZE sla_clock");
        db.execute("ANALYZE record_event");
    }
}
