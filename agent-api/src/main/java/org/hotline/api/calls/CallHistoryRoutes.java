package org.hotline.api.calls;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.auth.Bearer;
import org.hotline.api.problem.InvalidRequest;
import org.hotline.desk.calls.CallHistory;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.List;


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
            org.hotline.api.problem.Problem.of(org.hotline.api.problem.ProblemCode.NUMBER_NOT_ALLOWED, "the dialling policy refuses " + e164 + ": "
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
            return org.hotline.desk.agents.Agents.device(db, agent).orElse(null);
        }, device -> {
            if (device == null || device.isBlank()) {
                org.hotline.api.problem.Problem.of(org.hotline.api.problem.ProblemCode.NO_DEVICE, "no phone device (agent.interface) to call from").send(ctx);
                return;
            }
            line.call(device, dialled, variables).whenComplete((x, e) -> {
                if (e == null) {
                    ctx.response().setStatusCode(202).end(new JsonObject().put("status", "dialing").put("number", e164).encode());
                } else {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    org.hotline.api.problem.Problem.of(cause instanceof org.hotline.api.desk.QueueMembers.PbxUnavailable
                            ? org.hotline.api.problem.ProblemCode.PBX_UNAVAILABLE : org.hotline.api.problem.ProblemCode.PBX_REFUSED,
                            "call not placed: " + cause.getMessage()).send(ctx);
                }
            });
        });
    }

    private void history(RoutingContext ctx) {
        String customer = ctx.queryParams().get("customerId");
        java.util.concurrent.Callable<List<CallHistory.Row>> read;
        if (customer != null) {
            long id;
            try {
                id = Long.parseLong(customer);
            } catch (NumberFormatException e) {
                throw new InvalidRequest(List.of("customerId: a whole number"));
            }
            read = () -> CallHistory.ofCustomer(DSL.using(dataSource, SQLDialect.POSTGRES), id, LIMIT);
        } else if ("true".equals(ctx.queryParams().get("mine"))) {
            long agent = Bearer.user(ctx).id();
            boolean unregistered = "true".equals(ctx.queryParams().get("unregistered"));
            read = () -> CallHistory.ofAgent(DSL.using(dataSource, SQLDialect.POSTGRES), agent, unregistered, LIMIT);
        } else {
            throw new InvalidRequest(List.of("give customerId, or mine=true"));
        }
        DeskWork.run(vertx, ctx, read, rows -> ctx.json(new JsonObject().put("calls", new JsonArray(rows.stream().map(r -> new JsonObject()
                .put("id", r.id()).put("at", r.at().toString()).put("direction", r.direction())
                .put("callerNumber", r.callerNumber().orElse(null)).put("queue", r.queue().orElse(null))
                .put("outcome", r.outcome().orElse(null)).put("waitSeconds", r.waitSeconds().orElse(null))
                .put("talkSeconds", r.talkSeconds().orElse(null)).put("recordId", r.recordId().orElse(null))
                .put("customerId", r.customerId().orElse(null)).put("agent", r.agent().orElse(null)).put("linkedid", r.linkedid())
                .put("disposition", r.disposition().orElse(null))).toList()))));
    }
}
