package org.hotline.desk.customers;

import org.hotline.desk.sla.SlaClock;
import org.hotline.desk.records.RecordStatus;

import org.hotline.desk.warranty.Warranty;
import org.hotline.desk.sql.RenderedStatement;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hotline.desk.sql.RenderedStatement.param;
import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/**
 * What an agent's screen shows of a customer, each part one indexed query: who calls (by the
 * number), the card (who, how to reach them, what they own with its warranty, their last calls),
 * their last and open records (the open ones with their running clocks), what the caller did in
 * the IVR, the callback a call is making.
 */
public final class CustomerCards {

    private static final int RECENT = 5;
    private static final int PRODUCTS = 20;

    /** {@code version}: the customer row's, what an edit of it names (a stale one is refused). */
    public record Summary(long id, String name, Optional<String> organisation, boolean keyCustomer, Optional<String> city,
                          Optional<String> zone, int version) {
    }

    public record Product(long assetId, String model, Optional<String> serial, String warranty) {
    }

    public record RecentCall(Instant at, Optional<String> queue, Optional<String> outcome, Optional<Double> talkSeconds,
                             Optional<Long> recordId) {
    }

    /** Who calls, as far as it stays the same during a call. */
    public record Card(Summary customer, List<String> phones, List<Product> products, List<RecentCall> recentCalls) {
    }

    public record Clock(String milestone, String state, Optional<Instant> deadline, Optional<Instant> atRiskFrom) {
    }

    /** A record of the customer's; {@code clocks}: an open one's running and paused clocks, nearest deadline first. */
    public record RecordLine(long id, String number, String type, String status, String priority, Optional<String> summary,
                             Instant createdAt, List<Clock> clocks) {
    }

    public record Ivr(long sessionId, String flow, List<String> path, String keys, Optional<Long> recordId, Optional<String> outcome) {
    }

    public record Callback(long id, String reason, Optional<Long> recordId, Optional<Long> customerId, int attempts, Optional<String> note,
                           Instant dueAt) {
    }

    private CustomerCards() {
    }

    /** The customer a number (E.164) belongs to: the one for whom it is the number to call first, else any. */
    public static Optional<Long> byNumber(DSLContext db, String e164) {
        return BY_NUMBER.with("number", e164).fetchOptional(db, Long.class);
    }

    // what every pop reads (the caller's card as they enter the IVR, their records as the phone rings): rendered once

    private static final RenderedStatement BY_NUMBER = RenderedStatement.of(DSL.select(CUSTOMER_PHONE.CUSTOMER_ID).from(CUSTOMER_PHONE)
            .where(CUSTOMER_PHONE.NUMBER.eq(param("number", CUSTOMER_PHONE.NUMBER)))
            .orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc()).limit(1));
    private static final RenderedStatement RECENT_CALLS = RenderedStatement.of(DSL.select(CALL.OFFERED_AT, CALL.QUEUE_NAME, CALL.OUTCOME,
                    CALL.TALK_SECONDS, CALL.RECORD_ID).from(CALL)
            .where(CALL.CUSTOMER_ID.eq(param("customer", CALL.CUSTOMER_ID))).orderBy(CALL.OFFERED_AT.desc()).limit(RECENT));
    private static final RenderedStatement RECENT_RECORDS = records(DSL.noCondition());
    private static final RenderedStatement OPEN_RECORDS = records(CONTACT_RECORD.STATUS.notIn(RecordStatus.CLOSED.dbName(),
            RecordStatus.CANCELLED.dbName()));

    private static RenderedStatement records(org.jooq.Condition which) {
        return RenderedStatement.of(DSL.select(CONTACT_RECORD.ID, CONTACT_RECORD.NUMBER, CONTACT_RECORD.TYPE, CONTACT_RECORD.STATUS,
                        CONTACT_RECORD.PRIORITY, CONTACT_RECORD.SUMMARY, CONTACT_RECORD.CREATED_AT).from(CONTACT_RECORD)
                .where(CONTACT_RECORD.CUSTOMER_ID.eq(param("customer", CONTACT_RECORD.CUSTOMER_ID)).and(which))
                .orderBy(CONTACT_RECORD.CREATED_AT.desc()).limit(RECENT));
    }

    /** The card of customer {@code id}, warranties as on {@code today}; empty when there is no such customer. */
    public static Optional<Card> card(DSLContext db, long id, LocalDate today, boolean withPhones) {
        return db.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(id)).fetchOptional().map(c -> new Card(
                new Summary(id, c.getName(), Optional.ofNullable(c.getOrganisation()), c.getKeyCustomer(), Optional.ofNullable(c.getCity()),
                        Optional.ofNullable(c.getZone()), c.getVersion()),
                withPhones ? db.select(CUSTOMER_PHONE.NUMBER).from(CUSTOMER_PHONE).where(CUSTOMER_PHONE.CUSTOMER_ID.eq(id))
                        .orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc()).fetch(CUSTOMER_PHONE.NUMBER) : List.of(),
                products(db, id, today),
                RECENT_CALLS.with("customer", id).fetch(db, r -> new RecentCall(r.getObject(1, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(r.getString(2)), Optional.ofNullable(r.getString(3)),
                        Optional.ofNullable(r.getBigDecimal(4)).map(BigDecimal::doubleValue), Optional.ofNullable(r.getObject(5, Long.class))))));
    }

    private static List<Product> products(DSLContext db, long customerId, LocalDate today) {
        var assets = db.selectFrom(ASSET).where(ASSET.CUSTOMER_ID.eq(customerId)).orderBy(ASSET.ID.desc()).limit(PRODUCTS).fetch();
        var warranties = Warranty.statusesOn(db, assets.getValues(ASSET.ID), today);
        return assets.map(a -> new Product(a.getId(), a.getModel(), Optional.ofNullable(a.getSerialNumber()),
                warranties.getOrDefault(a.getId(), org.hotline.desk.warranty.WarrantyStatus.UNKNOWN).dbName()));
    }

    /** The customer's last records, or their open ones with their clocks. */
    public static List<RecordLine> records(DSLContext db, long customerId, boolean openOnly) {
        var rows = (openOnly ? OPEN_RECORDS : RECENT_RECORDS).with("customer", customerId).fetch(db, r -> new RecordLine(r.getLong(1),
                r.getString(2), r.getString(3), r.getString(4), r.getString(5), Optional.ofNullable(r.getString(6)),
                r.getObject(7, OffsetDateTime.class).toInstant(), List.of()));
        // the open records' clocks in one query, not one a record
        if (!openOnly || rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<Clock>> clocks = clocks(db, rows.stream().map(RecordLine::id).toList());
        return rows.stream().map(r -> new RecordLine(r.id(), r.number(), r.type(), r.status(), r.priority(), r.summary(), r.createdAt(),
                clocks.getOrDefault(r.id(), List.of()))).toList();
    }

    /** The running and paused clocks of {@code records}, each record's soonest deadline first. */
    private static Map<Long, List<Clock>> clocks(DSLContext db, List<Long> records) {
        return db.select(SLA_CLOCK.RECORD_ID, SLA_CLOCK.MILESTONE_CODE, SLA_CLOCK.STATE, SLA_CLOCK.DEADLINE_AT, SLA_CLOCK.AT_RISK_AT)
                .from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.in(records).and(SLA_CLOCK.STATE.in(SlaClock.State.RUNNING.dbName(), SlaClock.State.PAUSED.dbName())))
                .orderBy(SLA_CLOCK.RECORD_ID, SLA_CLOCK.DEADLINE_AT.asc().nullsLast(), SLA_CLOCK.ID)
                .fetchGroups(SLA_CLOCK.RECORD_ID, r -> new Clock(r.value2(), r.value3(), instant(r.value4()), instant(r.value5())));
    }

    public static Optional<Ivr> ivr(DSLContext db, long session) {
        return db.selectFrom(IVR_SESSION).where(IVR_SESSION.ID.eq(session)).fetchOptional().map(s -> new Ivr(session, s.getFlowName(),
                List.of(s.getPath()), s.getInputs().data(), Optional.ofNullable(s.getRecordId()), Optional.ofNullable(s.getOutcome())));
    }

    public static Optional<Callback> callback(DSLContext db, long id) {
        return db.selectFrom(CALLBACK).where(CALLBACK.ID.eq(id)).fetchOptional().map(c -> new Callback(id, c.getReason(),
                Optional.ofNullable(c.getRecordId()), Optional.ofNullable(c.getCustomerId()), c.getAttempts(), Optional.ofNullable(c.getNote()), c.getDueAt().toInstant()));
    }

    private static Optional<Instant> instant(OffsetDateTime at) {
        return Optional.ofNullable(at).map(OffsetDateTime::toInstant);
    }
}
