package org.hotline.api.callbacks;

import org.hotline.events.CallbackStatus;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.RequestBody;
import org.hotline.api.auth.Bearer;
import org.hotline.api.customers.CustomerRoutes;
import org.hotline.api.problem.InvalidRequest;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.callbacks.CallOutcome;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.QUEUE_MEMBERSHIP;

/**
 * An agent's callbacks: {@code GET /callbacks} (still to be made: owned by the agent, in the
 * agent's queues, or in no queue; by due time), {@code POST /callbacks/{id}/complete} (the outcome
 * of a call the agent made themselves; busy and no answer are retried by the callback's policy)
 * and {@code POST /callbacks/{id}/reschedule} (another time agreed with the customer); each only
 * by who may act on that callback (403 otherwise).
 */
public final class CallbackRoutes {

    private static final int LIMIT = 50;

    private final Vertx vertx;
    private final DataSource dataSource;
    private final ServiceDesk desk;

    public CallbackRoutes(Vertx vertx, DataSource dataSource, ServiceDesk desk) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.desk = desk;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/callbacks").handler(bearer.authenticated()).handler(this::mine);
        router.post("/callbacks/:id/complete").handler(bearer.authenticated()).handler(this::complete);
        router.post("/callbacks/:id/reschedule").handler(bearer.authenticated()).handler(this::reschedule);
        router.post("/callbacks/:id/claim").handler(bearer.authenticated()).handler(this::claim);
    }

    private void mine(RoutingContext ctx) {
        long agent = Bearer.user(ctx).id();
        DeskWork.run(vertx, ctx, () -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            var myQueues = DSL.select(QUEUE_MEMBERSHIP.QUEUE_ID).from(QUEUE_MEMBERSHIP).where(QUEUE_MEMBERSHIP.AGENT_ID.eq(agent));
            return db.select(CALLBACK.ID, CALLBACK.REASON, CALLBACK.PHONE, CALLBACK.STATUS, CALLBACK.DUE_AT, CALLBACK.NOT_AFTER,
                            CALLBACK.ATTEMPTS, CALLBACK.OWNER_AGENT_ID, CALLBACK.NOTE, CUSTOMER.ID, CUSTOMER.NAME, CONTACT_RECORD.ID,
                            CONTACT_RECORD.NUMBER)
                    .from(CALLBACK).leftJoin(CUSTOMER).on(CUSTOMER.ID.eq(CALLBACK.CUSTOMER_ID))
                    .leftJoin(CONTACT_RECORD).on(CONTACT_RECORD.ID.eq(CALLBACK.RECORD_ID))
                    .where(CALLBACK.STATUS.in(CallbackStatus.PENDING.dbName(), CallbackStatus.OFFERED.dbName()))
                    .and(CALLBACK.OWNER_AGENT_ID.eq(agent).or(CALLBACK.QUEUE_ID.in(myQueues)).or(CALLBACK.QUEUE_ID.isNull()))
                    .orderBy(CALLBACK.DUE_AT).limit(LIMIT)
                    .fetch(r -> new JsonObject().put("id", r.value1()).put("reason", r.value2()).put("phone", r.value3())
                            .put("status", r.value4()).put("dueAt", r.value5().toInstant().toString())
                            .put("notAfter", r.value6() == null ? null : r.value6().toInstant().toString())
                            .put("attempts", r.value7()).put("mine", Long.valueOf(agent).equals(r.value8())).put("note", r.value9())
                            .put("customerId", r.value10()).put("customerName", r.value11())
                            .put("recordId", r.value12()).put("recordNumber", r.value13()));
        }, list -> ctx.json(new JsonObject().put("callbacks", new JsonArray(list))));
    }

    private void complete(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        String outcome = body.text("outcome", 20);
        body.check();
        CallOutcome parsed;
        try {
            parsed = CallOutcome.valueOf(outcome.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(List.of("outcome: one of answered, no_answer, busy, failed, wrong_number"));
        }
        long agent = Bearer.user(ctx).id();
        var who = Bearer.who(Bearer.user(ctx));
        DeskWork.run(vertx, ctx, () -> {
            mayAct(id, who);
            return desk.callbackTried(id, parsed, Optional.of(agent), Optional.empty());
        },
                after -> ctx.json(new JsonObject().put("callbackId", id).put("status", after.callback().getStatus())
                        .put("retryAt", after.retryAt().map(Instant::toString).orElse(null))));
    }

    /** The agent takes a callback to make themselves: theirs first, as a supervisor's assignment would make it. */
    private void claim(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        long agent = Bearer.user(ctx).id();
        var who = Bearer.who(Bearer.user(ctx));
        DeskWork.run(vertx, ctx, () -> {
            mayAct(id, who);
            desk.assignCallback(id, agent, Optional.of(agent));
            return id;
        }, x -> ctx.json(new JsonObject().put("callbackId", id).put("ownerAgentId", agent)));
    }

    /** Its owner, any agent of its queue while nobody owns it, supervisors always ({@link org.hotline.desk.access.CallbackAccess}). */
    private void mayAct(long id, org.hotline.desk.access.Who who) {
        org.hotline.desk.access.CallbackAccess.check(DSL.using(dataSource, SQLDialect.POSTGRES), id, who, Instant.now());
    }

    private void reschedule(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        String due = body.text("dueAt", 40);
        String note = body.optionalText("note", 500);
        body.check();
        Instant dueAt;
        try {
            dueAt = Instant.parse(due);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(List.of("dueAt: a time like 2026-11-24T02:00:00Z"));
        }
        long agent = Bearer.user(ctx).id();
        var who = Bearer.who(Bearer.user(ctx));
        DeskWork.run(vertx, ctx, () -> {
            mayAct(id, who);
            desk.rescheduleCallback(id, dueAt, Optional.of(agent), note);
            return id;
        }, x -> ctx.json(new JsonObject().put("callbackId", id).put("status", CallbackStatus.PENDING.dbName()).put("dueAt", dueAt.toString())));
    }
}
