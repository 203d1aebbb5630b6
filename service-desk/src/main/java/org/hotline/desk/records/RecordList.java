package org.hotline.desk.records;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/**
 * Lists of records, newest first, a page at a time: {@link RecordFilter} says which, a cursor
 * (opaque to the client) where the last page ended, so pages neither skip nor repeat records
 * created meanwhile. Each row carries what a worklist shows: who and what, the handler, the next
 * deadline of a running clock, at risk, breached.
 */
public final class RecordList {

    /** A record in a list. */
    public record Row(long id, String number, RecordType type, RecordStatus status, String priority, String urgency,
                      Optional<Long> customerId, Optional<String> customerName, Optional<String> summary, Instant createdAt,
                      Optional<Long> handlerAgentId, Optional<String> handlerName, Optional<String> handlerDepartment,
                      Optional<Instant> nextDeadline, boolean atRisk, boolean breached) {
    }

    /** A page of a list; {@code next}: the cursor of the page after it, empty on the last one. */
    public record Page(List<Row> rows, Optional<String> next) {
    }

    private RecordList() {
    }

    /** The page of {@code filter}'s records after {@code cursor} (the first page without one), at most {@code limit}. */
    public static Page page(DSLContext db, RecordFilter filter, Optional<String> cursor, int limit) {
        Condition where = where(filter);
        if (cursor.isPresent()) {
            Cursor after = Cursor.decode(cursor.get());
            where = where.and(DSL.row(CONTACT_RECORD.CREATED_AT, CONTACT_RECORD.ID).lt(after.createdAt().atOffset(ZoneOffset.UTC), after.id()));
        }
        Field<OffsetDateTime> nextDeadline = DSL.select(DSL.min(SLA_CLOCK.DEADLINE_AT)).from(SLA_CLOCK)
                .where(SLA_CLOCK.RECORD_ID.eq(CONTACT_RECORD.ID).and(SLA_CLOCK.STATE.eq("running"))).asField("next_deadline");
        Field<Boolean> atRisk = DSL.field(DSL.exists(DSL.selectOne().from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(CONTACT_RECORD.ID)
                .and(atRiskClock())))).as("at_risk");
        Field<Boolean> breached = DSL.field(DSL.exists(DSL.selectOne().from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(CONTACT_RECORD.ID)
                .and(breachedClock())))).as("breached");
        var rows = db.select(CONTACT_RECORD.ID, CONTACT_RECORD.NUMBER, CONTACT_RECORD.TYPE, CONTACT_RECORD.STATUS, CONTACT_RECORD.PRIORITY,
                        CONTACT_RECORD.URGENCY, CONTACT_RECORD.CUSTOMER_ID, CUSTOMER.NAME, CONTACT_RECORD.SUMMARY, CONTACT_RECORD.CREATED_AT,
                        CONTACT_RECORD.HANDLER_AGENT_ID, AGENT.DISPLAY_NAME, CONTACT_RECORD.HANDLER_DEPARTMENT, nextDeadline, atRisk, breached)
                .from(CONTACT_RECORD)
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(CONTACT_RECORD.CUSTOMER_ID))
                .leftJoin(AGENT).on(AGENT.ID.eq(CONTACT_RECORD.HANDLER_AGENT_ID))
                .where(where)
                .orderBy(CONTACT_RECORD.CREATED_AT.desc(), CONTACT_RECORD.ID.desc())
                .limit(limit + 1)
                .fetch(r -> new Row(r.value1(), r.value2(), RecordType.fromDb(r.value3()), RecordStatus.fromDb(r.value4()), r.value5(),
                        r.value6(), Optional.ofNullable(r.value7()), Optional.ofNullable(r.value8()), Optional.ofNullable(r.value9()),
                        r.value10().toInstant(), Optional.ofNullable(r.value11()), Optional.ofNullable(r.value12()),
                        Optional.ofNullable(r.value13()), Optional.ofNullable(r.value14()).map(OffsetDateTime::toInstant),
                        r.value15(), r.value16()));
        List<Row> page = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        Optional<String> next = rows.size() > limit
                ? Optional.of(new Cursor(page.getLast().createdAt(), page.getLast().id()).encode()) : Optional.empty();
        return new Page(page, next);
    }

    private static Condition where(RecordFilter f) {
        List<Condition> conditions = new ArrayList<>();
        f.handler().ifPresent(agent -> conditions.add(CONTACT_RECORD.HANDLER_AGENT_ID.eq(agent)));
        f.department().ifPresent(department -> conditions.add(CONTACT_RECORD.HANDLER_DEPARTMENT.eq(department)));
        if (!f.statuses().isEmpty()) {
            conditions.add(CONTACT_RECORD.STATUS.in(f.statuses().stream().map(RecordStatus::dbName).toList()));
        }
        if (!f.types().isEmpty()) {
            conditions.add(CONTACT_RECORD.TYPE.in(f.types().stream().map(RecordType::dbName).toList()));
        }
        if (f.openOnly()) {
            conditions.add(CONTACT_RECORD.STATUS.notIn(RecordStatus.CLOSED.dbName(), RecordStatus.CANCELLED.dbName()));
        }
        if (f.atRisk()) {
            conditions.add(DSL.exists(DSL.selectOne().from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(CONTACT_RECORD.ID).and(atRiskClock()))));
        }
        if (f.breached()) {
            conditions.add(DSL.exists(DSL.selectOne().from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(CONTACT_RECORD.ID).and(breachedClock()))));
        }
        f.customerId().ifPresent(customer -> conditions.add(CONTACT_RECORD.CUSTOMER_ID.eq(customer)));
        f.createdFrom().ifPresent(from -> conditions.add(CONTACT_RECORD.CREATED_AT.ge(from.atOffset(ZoneOffset.UTC))));
        f.createdTo().ifPresent(to -> conditions.add(CONTACT_RECORD.CREATED_AT.lt(to.atOffset(ZoneOffset.UTC))));
        f.text().ifPresent(text -> {
            String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add(CONTACT_RECORD.NUMBER.eq(text).or(CONTACT_RECORD.SUMMARY.likeIgnoreCase(pattern, '\\'))
                    .or(CONTACT_RECORD.FAULT_DESCRIPTION.likeIgnoreCase(pattern, '\\')));
        });
        return DSL.and(conditions);
    }

    /** A clock that has raised its at-risk warning and not yet breached, still running or waiting. */
    private static Condition atRiskClock() {
        return SLA_CLOCK.AT_RISK_RAISED_AT.isNotNull().and(SLA_CLOCK.BREACHED_AT.isNull()).and(SLA_CLOCK.STATE.in("running", "paused"));
    }

    /** A clock that has passed its deadline (breached while running, or stopped late). */
    private static Condition breachedClock() {
        return SLA_CLOCK.BREACHED_AT.isNotNull().or(SLA_CLOCK.STATE.eq("missed"));
    }

    /** Where a page ended: the last record's creation and id. */
    record Cursor(Instant createdAt, long id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor: not one this list gave");
            }
        }
    }
}
