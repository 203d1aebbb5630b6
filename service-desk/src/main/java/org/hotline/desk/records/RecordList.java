package org.hotline.desk.records;

import org.hotline.desk.sla.SlaClock;

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
        // each row's clocks read once, by the record's own index entries (a hashed subplan over every at-risk or breached clock
        // of the table is what an EXISTS in the select list becomes: tens of milliseconds at a million records)
        var facts = DSL.lateral(DSL.select(DSL.min(SLA_CLOCK.DEADLINE_AT).filterWhere(SLA_CLOCK.STATE.eq(SlaClock.State.RUNNING.dbName())).as("next_deadline"),
                        DSL.boolOr(atRiskClock()).as("at_risk"), DSL.boolOr(breachedClock()).as("breached"))
                .from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(CONTACT_RECORD.ID))).as("facts");
        Field<OffsetDateTime> nextDeadline = facts.field("next_deadline", OffsetDateTime.class);
        Field<Boolean> atRisk = facts.field("at_risk", Boolean.class);
        Field<Boolean> breached = facts.field("breached", Boolean.class);
        // the page first (ids only, by the filter's indexes), then what each of its rows shows
        var pageIds = DSL.select(CONTACT_RECORD.ID.as("page_id")).from(CONTACT_RECORD).where(where)
                .orderBy(CONTACT_RECORD.CREATED_AT.desc(), CONTACT_RECORD.ID.desc()).limit(limit + 1).asTable("page");
        var rows = db.select(CONTACT_RECORD.ID, CONTACT_RECORD.NUMBER, CONTACT_RECORD.TYPE, CONTACT_RECORD.STATUS, CONTACT_RECORD.PRIORITY,
                        CONTACT_RECORD.URGENCY, CONTACT_RECORD.CUSTOMER_ID, CUSTOMER.NAME, CONTACT_RECORD.SUMMARY, CONTACT_RECORD.CREATED_AT,
                        CONTACT_RECORD.HANDLER_AGENT_ID, AGENT.DISPLAY_NAME, CONTACT_RECORD.HANDLER_DEPARTMENT, nextDeadline, atRisk, breached)
                .from(pageIds)
                .join(CONTACT_RECORD).on(CONTACT_RECORD.ID.eq(pageIds.field("page_id", Long.class)))
                .leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(CONTACT_RECORD.CUSTOMER_ID))
                .leftJoin(AGENT).on(AGENT.ID.eq(CONTACT_RECORD.HANDLER_AGENT_ID))
                .leftJoin(facts).on(DSL.trueCondition())
                .orderBy(CONTACT_RECORD.CREATED_AT.desc(), CONTACT_RECORD.ID.desc())
                .fetch(r -> new Row(r.value1(), r.value2(), RecordType.fromDb(r.value3()), RecordStatus.fromDb(r.value4()), r.value5(),
                        r.value6(), Optional.ofNullable(r.value7()), Optional.ofNullable(r.value8()), Optional.ofNullable(r.value9()),
                        r.value10().toInstant(), Optional.ofNullable(r.value11()), Optional.ofNullable(r.value12()),
                        Optional.ofNullable(r.value13()), Optional.ofNullable(r.value14()).map(OffsetDateTime::toInstant),
                        Boolean.TRUE.equals(r.value15()), Boolean.TRUE.equals(r.value16())));
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
            // few records are at risk at any time (a clock warns in the last fifth of its time): their ids first, from the
            // clocks' partial index, rather than walking the newest records looking for them
            conditions.add(CONTACT_RECORD.ID.eq(DSL.any(DSL.array(DSL.select(SLA_CLOCK.RECORD_ID).from(SLA_CLOCK).where(atRiskClock())))));
        }
        if (f.breached()) {
            conditions.add(DSL.exists(DSL.selectOne().from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(CONTACT_RECORD.ID).and(breachedClock()))));
        }
        f.customerId().ifPresent(customer -> conditions.add(CONTACT_RECORD.CUSTOMER_ID.eq(customer)));
        f.createdFrom().ifPresent(from -> conditions.add(CONTACT_RECORD.CREATED_AT.ge(from.atOffset(ZoneOffset.UTC))));
        f.createdTo().ifPresent(to -> conditions.add(CONTACT_RECORD.CREATED_AT.lt(to.atOffset(ZoneOffset.UTC))));
        f.text().ifPresent(text -> {
            if (RECORD_NUMBER.matcher(text).matches()) { // a record's number is looked up as such, by its unique index
                conditions.add(CONTACT_RECORD.NUMBER.eq(text.toUpperCase(java.util.Locale.ROOT)));
                return;
            }
            String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add(CONTACT_RECORD.SUMMARY.likeIgnoreCase(pattern, '\\').or(CONTACT_RECORD.FAULT_DESCRIPTION.likeIgnoreCase(pattern, '\\')));
        });
        return DSL.and(conditions);
    }

    /** What a record's number looks like (R20261123-42): a letter, then digits and dashes. */
    private static final java.util.regex.Pattern RECORD_NUMBER = java.util.regex.Pattern.compile("[A-Za-z][0-9][0-9-]{3,30}");

    /** A clock that has raised its at-risk warning and not yet breached, still running or waiting. */
    private static Condition atRiskClock() {
        return SLA_CLOCK.AT_RISK_RAISED_AT.isNotNull().and(SLA_CLOCK.BREACHED_AT.isNull()).and(SLA_CLOCK.STATE.in(SlaClock.State.RUNNING.dbName(), SlaClock.State.PAUSED.dbName()));
    }

    /** A clock that has passed its deadline (breached while running, or stopped late). */
    private static Condition breachedClock() {
        return SLA_CLOCK.BREACHED_AT.isNotNull().or(SLA_CLOCK.STATE.eq(SlaClock.State.MISSED.dbName()));
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
