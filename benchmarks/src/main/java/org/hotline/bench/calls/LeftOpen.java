package org.hotline.bench.calls;

import org.jooq.DSLContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The open work a benchmark's calls made and left (their records' clocks still running, their
 * callbacks still waiting, escalations raised on them), closed when the benchmark ends. Otherwise
 * every run leaves about a thousand records whose clocks breach hours later, during some later
 * run, which then measures its own calls plus the escalations of the runs before it: the figures
 * of two runs would depend on how many ran before them. What the calls wrote (call rows, sessions,
 * records, trails, events) stays. Plain SQL on purpose: this is the benchmark putting its own
 * data directory back, not something the service desk does.
 */
final class LeftOpen {

    private LeftOpen() {
    }

    /** Closes what records made at or after {@code since} left open; prints how much. */
    static void close(DSLContext db, Instant since) {
        OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
        String made = "record_id IN (SELECT id FROM contact_record WHERE created_at >= cast(? as timestamptz))";
        int clocks = db.execute("UPDATE sla_clock SET state = 'cancelled', stopped_at = now(), next_fire_at = NULL, "
                + "version = version + 1 WHERE state IN ('running', 'paused') AND " + made, from);
        int callbacks = db.execute("UPDATE callback SET status = 'cancelled', outcome = 'cancelled', outcome_note = 'benchmark over', "
                + "completed_at = now(), lease_owner = NULL, lease_until = NULL, updated_at = now(), version = version + 1 "
                + "WHERE status IN ('pending', 'offered', 'dialing') AND created_at >= cast(? as timestamptz)", from);
        int escalations = db.execute("UPDATE escalation SET resolved_at = now(), resolution = 'benchmark over' "
                + "WHERE resolved_at IS NULL AND " + made, from);
        System.out.printf("%nthe calls' open work closed for the next run: %,d clocks, %,d callbacks, %,d escalations%n",
                clocks, callbacks, escalations);
    }
}
