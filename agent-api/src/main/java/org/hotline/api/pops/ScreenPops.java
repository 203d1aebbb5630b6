package org.hotline.api.pops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hotline.desk.warranty.Warranty;
import org.jooq.DSLContext;

import java.time.LocalDate;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/**
 * What an agent's screen shows while the phone rings: the customer (by the IVR's customer id,
 * else by the caller's number), products with warranty, the last calls and records, the open
 * records with their running SLA clocks, what the caller did in the IVR this call, and for a
 * callback call the callback. Each part is one indexed query.
 */
public final class ScreenPops {

    private static final int RECENT = 5;

    /** What the call tells about itself (from the AMI events and the channel variables the IVR set). */
    public record Call(String linkedid, String queue, String callerNumber, String callerName, Optional<Long> customerId,
                       Optional<Long> ivrSessionId, Optional<Long> recordId, Optional<Long> callbackId, Optional<String> intent) {
    }

    public JsonObject build(DSLContext db, Call call, LocalDate today) {
        return build(db, call, caller(db, call.customerId(), call.callerNumber(), today));
    }

    /**
     * Who is calling, as far as it stays the same during the call: the customer (by id, else by
     * number) with their card, products and warranty, and last calls. Read while the caller is
     * still in the IVR; empty when nobody in the archive has the number.
     */
    public JsonObject caller(DSLContext db, Optional<Long> customerId, String callerNumber, LocalDate today) {
        Optional<Long> customer = customerId.or(() -> db.select(CUSTOMER_PHONE.CUSTOMER_ID).from(CUSTOMER_PHONE)
                .where(CUSTOMER_PHONE.NUMBER.eq(callerNumber)).orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc()).limit(1)
                .fetchOptional(CUSTOMER_PHONE.CUSTOMER_ID));
        JsonObject part = new JsonObject();
        customer.ifPresent(id -> part.put("customer", customer(db, id)).put("products", products(db, id, today))
                .put("recentCalls", recentCalls(db, id)));
        return part;
    }

    /** The customer id {@link #caller} found, if any. */
    public static Optional<Long> customerOf(JsonObject callerPart) {
        return Optional.ofNullable(callerPart.getJsonObject("customer")).map(c -> c.getLong("id"));
    }

    /**
     * The pop from the caller part read earlier and what may have changed since: the records
     * (the IVR may just have created one, with its SLA clocks), the IVR session, the callback.
     */
    public JsonObject build(DSLContext db, Call call, JsonObject callerPart) {
        JsonObject pop = new JsonObject()
                .put("linkedid", call.linkedid())
                .put("queue", call.queue())
                .put("callerNumber", call.callerNumber())
                .put("callerName", call.callerName())
                .put("intent", call.intent().orElse(null));
        pop.mergeIn(callerPart.copy());
        customerOf(callerPart).ifPresent(id -> {
            pop.put("recentRecords", records(db, id, false));
            pop.put("openRecords", records(db, id, true));
        });
        call.ivrSessionId().ifPresent(id -> pop.put("ivr", ivr(db, id)));
        call.recordId().ifPresent(id -> pop.put("ivrRecordId", id));
        call.callbackId().ifPresent(id -> pop.put("callback", callback(db, id)));
        return pop;
    }

    /** A customer's card and history, as the customer detail of the REST API shows it; empty when there is no such customer. */
    public java.util.Optional<JsonObject> customerDetail(DSLContext db, long id, LocalDate today) {
        if (!db.fetchExists(CUSTOMER, CUSTOMER.ID.eq(id))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(customer(db, id)
                .put("phones", new JsonArray(db.select(CUSTOMER_PHONE.NUMBER).from(CUSTOMER_PHONE).where(CUSTOMER_PHONE.CUSTOMER_ID.eq(id))
                        .orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc()).fetch(CUSTOMER_PHONE.NUMBER)))
                .put("products", products(db, id, today))
                .put("recentCalls", recentCalls(db, id))
                .put("recentRecords", records(db, id, false))
                .put("openRecords", records(db, id, true)));
    }

    private static JsonObject customer(DSLContext db, long id) {
        var c = db.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(id)).fetchOne();
        if (c == null) {
            return new JsonObject().put("id", id);
        }
        return new JsonObject().put("id", id).put("name", c.getName()).put("organisation", c.getOrganisation())
                .put("keyCustomer", c.getKeyCustomer()).put("city", c.getCity()).put("zone", c.getZone());
    }

    private static JsonArray products(DSLContext db, long customer, LocalDate today) {
        return new JsonArray(db.selectFrom(ASSET).where(ASSET.CUSTOMER_ID.eq(customer)).orderBy(ASSET.ID.desc()).limit(20)
                .fetch(a -> new JsonObject().put("assetId", a.getId()).put("model", a.getModel()).put("serial", a.getSerialNumber())
                        .put("warranty", Warranty.statusOn(db, a.getId(), today).dbName())));
    }

    private static JsonArray recentCalls(DSLContext db, long customer) {
        return new JsonArray(db.select(CALL.OFFERED_AT, CALL.QUEUE_NAME, CALL.OUTCOME, CALL.TALK_SECONDS, CALL.RECORD_ID).from(CALL)
                .where(CALL.CUSTOMER_ID.eq(customer)).orderBy(CALL.OFFERED_AT.desc()).limit(RECENT)
                .fetch(r -> new JsonObject().put("at", r.value1().toInstant().toString()).put("queue", r.value2())
                        .put("outcome", r.value3()).put("talkSeconds", r.value4() == null ? null : r.value4().doubleValue())
                        .put("recordId", r.value5())));
    }

    private static JsonArray records(DSLContext db, long customer, boolean openOnly) {
        var where = CONTACT_RECORD.CUSTOMER_ID.eq(customer);
        if (openOnly) {
            where = where.and(CONTACT_RECORD.STATUS.notIn("closed", "cancelled"));
        }
        return new JsonArray(db.selectFrom(CONTACT_RECORD).where(where).orderBy(CONTACT_RECORD.CREATED_AT.desc()).limit(RECENT)
                .fetch(r -> {
                    JsonObject record = new JsonObject().put("id", r.getId()).put("number", r.getNumber()).put("type", r.getType())
                            .put("status", r.getStatus()).put("priority", r.getPriority()).put("summary", r.getSummary())
                            .put("createdAt", r.getCreatedAt().toInstant().toString());
                    if (openOnly) {
                        record.put("clocks", clocks(db, r.getId()));
                    }
                    return record;
                }));
    }

    private static JsonArray clocks(DSLContext db, long record) {
        return new JsonArray(db.select(SLA_CLOCK.MILESTONE_CODE, SLA_CLOCK.STATE, SLA_CLOCK.DEADLINE_AT, SLA_CLOCK.AT_RISK_AT)
                .from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(record).and(SLA_CLOCK.STATE.in("running", "paused")))
                .orderBy(SLA_CLOCK.DEADLINE_AT.asc().nullsLast())
                .fetch(r -> new JsonObject().put("milestone", r.value1()).put("state", r.value2())
                        .put("deadline", r.value3() == null ? null : r.value3().toInstant().toString())
                        .put("atRiskFrom", r.value4() == null ? null : r.value4().toInstant().toString())));
    }

    private static JsonObject ivr(DSLContext db, long session) {
        var s = db.selectFrom(IVR_SESSION).where(IVR_SESSION.ID.eq(session)).fetchOne();
        if (s == null) {
            return new JsonObject().put("sessionId", session);
        }
        return new JsonObject().put("sessionId", session).put("flow", s.getFlowName())
                .put("path", new JsonArray(java.util.List.of(s.getPath())))
                .put("keys", new JsonArray(s.getInputs().data()))
                .put("recordId", s.getRecordId()).put("outcome", s.getOutcome());
    }

    private static JsonObject callback(DSLContext db, long id) {
        var c = db.selectFrom(CALLBACK).where(CALLBACK.ID.eq(id)).fetchOne();
        if (c == null) {
            return new JsonObject().put("id", id);
        }
        return new JsonObject().put("id", id).put("reason", c.getReason()).put("recordId", c.getRecordId())
                .put("attempts", c.getAttempts()).put("note", c.getNote()).put("dueAt", c.getDueAt().toInstant().toString());
    }
}
