package org.hotline.api.calls;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.auth.Bearer;
import org.hotline.api.problem.InvalidRequest;
import org.jooq.Condition;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.List;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CALL;

/**
 * {@code GET /calls?customerId=N} (a customer's calls) or {@code GET /calls?mine=true} (the
 * signed-in agent's), newest first, at most 50 (indexed by customer and by agent); and
 * {@code POST /calls} {@code {"number", "customerId", "recordId"}}: click-to-call from the
 * agent's device (202 once the PBX has the request; the call is then followed like any other); a
 * number the dialling policy refuses (international, premium-rate, ...) is 422 and never dialled.
 */
public final class CallHistoryRoutes {

    private static final int LIMIT = 50;

    private final Vertx vertx;
    private final DataSource dataSource;
    private final ClickToCall line;
    private final org.hotline.desk.customers.PhoneNumbers phones;
    private final org.hotline.desk.customers.DiallingPolicy dialling;

    public CallHistoryRoutes(Vertx vertx, DataSource dataSource, ClickToCall line, org.hotline.desk.customers.PhoneNumbers phones,
                             org.hotline.desk.customers.DiallingPolicy dialling) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.line = line;
        this.phones = phones;
        this.dialling = dialling;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/calls").handler(bearer.authenticated()).handler(this::history);
        router.post("/calls").handler(bearer.authenticated()).handler(this::call);
    }

    private void call(RoutingContext ctx) {
        var body = org.hotline.api.RequestBody.of(ctx);
        String number = body.text("number", 30);
        java.util.Optional<Long> customerId = body.optionalId("customerId");
        java.util.Optional<Long> recordId = body.optionalId("recordId");
        body.check();
        String e164 = phones.normalize(number).orElseThrow(() -> new InvalidRequest(List.of("number: not a phone number")));
        java.util.Optional<String> refused = dialling.refusal(e164);
        if (refused.isPresent()) {
            org.hotline.api.problem.Problem.of(422, "Number not allowed", "the dialling policy refuses " + e164 + ": "
                    + refused.get()).send(ctx);
            return;
        }
        java.util.Map<String, String> variables = new java.util.LinkedHashMap<>();
        customerId.ifPresent(id -> variables.put("HOTLINE_CUSTOMER_ID", String.valueOf(id)));
        recordId.ifPresent(id -> variables.put("HOTLINE_RECORD_ID", String.valueOf(id)));
        String dialled = e164.startsWith("+" + phones.countryCode()) ? e164.substring(phones.countryCode().length() + 1) : e164.substring(1);
        long agent = Bearer.user(ctx).id();
        DeskWork.run(vertx, ctx, () -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            customerId.ifPresent(id -> org.hotline.desk.access.References.customer(db, id));
            recordId.ifPresent(id -> org.hotline.desk.access.References.record(db, id));
            return db.select(AGENT.INTERFACE).from(AGENT).where(AGENT.ID.eq(agent)).fetchOptional(AGENT.INTERFACE).orElse(null);
        }, device -> {
            if (device == null || device.isBlank()) {
                org.hotline.api.problem.Problem.of(409, "No device", "no phone device (agent.interface) to call from").send(ctx);
                return;
            }
            line.call(device, dialled, variables).whenComplete((x, e) -> {
                if (e == null) {
                    ctx.response().setStatusCode(202).end(new JsonObject().put("status", "dialing").put("number", e164).encode());
                } else {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    org.hotline.api.problem.Problem.of(cause instanceof org.hotline.api.desk.QueueMembers.PbxUnavailable ? 503 : 502,
                            "Call not placed", cause.getMessage()).send(ctx);
                }
            });
        });
    }

    private void history(RoutingContext ctx) {
        String customer = ctx.queryParams().get("customerId");
        Condition where;
        if (customer != null) {
            try {
                where = CALL.CUSTOMER_ID.eq(Long.parseLong(customer));
            } catch (NumberFormatException e) {
                throw new InvalidRequest(List.of("customerId: a whole number"));
            }
        } else if ("true".equals(ctx.queryParams().get("mine"))) {
            where = CALL.AGENT_ID.eq(Bearer.user(ctx).id());
            if ("true".equals(ctx.queryParams().get("unregistered"))) { // answered, with neither a record nor a disposition
                where = where.and(CALL.ANSWERED_AT.isNotNull()).and(CALL.RECORD_ID.isNull()).and(CALL.DISPOSITION.isNull());
            }
        } else {
            throw new InvalidRequest(List.of("give customerId, or mine=true"));
        }
        Condition chosen = where;
        DeskWork.run(vertx, ctx, () -> DSL.using(dataSource, SQLDialect.POSTGRES)
                .select(CALL.ID, CALL.OFFERED_AT, CALL.DIRECTION, CALL.CALLER_NUMBER, CALL.QUEUE_NAME, CALL.OUTCOME, CALL.WAIT_SECONDS,
                        CALL.TALK_SECONDS, CALL.RECORD_ID, CALL.CUSTOMER_ID, AGENT.USERNAME, CALL.LINKEDID, CALL.DISPOSITION)
                .from(CALL).leftJoin(AGENT).on(AGENT.ID.eq(CALL.AGENT_ID))
                .where(chosen).orderBy(CALL.OFFERED_AT.desc()).limit(LIMIT)
                .fetch(r -> new JsonObject().put("id", r.value1()).put("at", r.value2().toInstant().toString())
                        .put("direction", r.value3()).put("callerNumber", r.value4()).put("queue", r.value5())
                        .put("outcome", r.value6()).put("waitSeconds", r.value7() == null ? null : r.value7().doubleValue())
                        .put("talkSeconds", r.value8() == null ? null : r.value8().doubleValue()).put("recordId", r.value9())
                        .put("customerId", r.value10()).put("agent", r.value11()).put("linkedid", r.value12())
                        .put("disposition", r.value13())),
                list -> ctx.json(new JsonObject().put("calls", new JsonArray(list))));
    }
}
