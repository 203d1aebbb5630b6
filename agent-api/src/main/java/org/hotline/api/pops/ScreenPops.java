package org.hotline.api.pops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hotline.desk.customers.CustomerCards;
import org.jooq.DSLContext;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What an agent's screen shows while the phone rings: the customer (by the IVR's customer id,
 * else by the caller's number), products with warranty, the last calls and records, the open
 * records with their running SLA clocks, what the caller did in the IVR this call, and for a
 * callback call the callback. Each part is one indexed query.
 */
public final class ScreenPops {

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
        Optional<Long> customer = customerId.or(() -> CustomerCards.byNumber(db, callerNumber));
        JsonObject part = new JsonObject();
        customer.ifPresent(id -> {
            Optional<CustomerCards.Card> card = CustomerCards.card(db, id, today, false);
            part.put("customer", card.map(c -> summary(c.customer())).orElseGet(() -> new JsonObject().put("id", id)))
                    .put("products", new JsonArray(card.map(c -> c.products().stream().map(ScreenPops::product).toList()).orElse(List.of())))
                    .put("recentCalls", new JsonArray(card.map(c -> c.recentCalls().stream().map(ScreenPops::call).toList()).orElse(List.of())));
        });
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
    public Optional<JsonObject> customerDetail(DSLContext db, long id, LocalDate today) {
        return CustomerCards.card(db, id, today, true).map(card -> summary(card.customer())
                .put("version", card.customer().version())
                .put("phones", new JsonArray(card.phones()))
                .put("products", new JsonArray(card.products().stream().map(ScreenPops::product).toList()))
                .put("recentCalls", new JsonArray(card.recentCalls().stream().map(ScreenPops::call).toList()))
                .put("recentRecords", records(db, id, false))
                .put("openRecords", records(db, id, true)));
    }

    private static JsonObject summary(CustomerCards.Summary c) {
        return new JsonObject().put("id", c.id()).put("name", c.name()).put("organisation", c.organisation().orElse(null))
                .put("keyCustomer", c.keyCustomer()).put("city", c.city().orElse(null)).put("zone", c.zone().orElse(null));
    }

    private static JsonObject product(CustomerCards.Product p) {
        return new JsonObject().put("assetId", p.assetId()).put("model", p.model()).put("serial", p.serial().orElse(null))
                .put("warranty", p.warranty());
    }

    private static JsonObject call(CustomerCards.RecentCall c) {
        return new JsonObject().put("at", c.at().toString()).put("queue", c.queue().orElse(null)).put("outcome", c.outcome().orElse(null))
                .put("talkSeconds", c.talkSeconds().orElse(null)).put("recordId", c.recordId().orElse(null));
    }

    private static JsonArray records(DSLContext db, long customer, boolean openOnly) {
        return new JsonArray(CustomerCards.records(db, customer, openOnly).stream().map(r -> {
            JsonObject record = new JsonObject().put("id", r.id()).put("number", r.number()).put("type", r.type())
                    .put("status", r.status()).put("priority", r.priority()).put("summary", r.summary().orElse(null))
                    .put("createdAt", r.createdAt().toString());
            if (openOnly) {
                record.put("clocks", new JsonArray(r.clocks().stream().map(c -> new JsonObject().put("milestone", c.milestone())
                        .put("state", c.state()).put("deadline", c.deadline().map(Object::toString).orElse(null))
                        .put("atRiskFrom", c.atRiskFrom().map(Object::toString).orElse(null))).toList()));
            }
            return record;
        }).toList());
    }

    private static JsonObject ivr(DSLContext db, long session) {
        return CustomerCards.ivr(db, session).map(s -> new JsonObject().put("sessionId", session).put("flow", s.flow())
                        .put("path", new JsonArray(s.path())).put("keys", new JsonArray(s.keys()))
                        .put("recordId", s.recordId().orElse(null)).put("outcome", s.outcome().orElse(null)))
                .orElseGet(() -> new JsonObject().put("sessionId", session));
    }

    private static JsonObject callback(DSLContext db, long id) {
        return CustomerCards.callback(db, id).map(c -> new JsonObject().put("id", id).put("reason", c.reason())
                        .put("recordId", c.recordId().orElse(null)).put("attempts", c.attempts()).put("note", c.note().orElse(null))
                        .put("dueAt", c.dueAt().toString()))
                .orElseGet(() -> new JsonObject().put("id", id));
    }
}
