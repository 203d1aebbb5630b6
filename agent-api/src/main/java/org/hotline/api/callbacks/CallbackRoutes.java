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
import org.hotline.api.auth.Role;
import org.hotline.api.auth.User;
import org.hotline.api.problem.Problem;
import org.hotline.api.problem.ProblemCode;
import org.hotline.api.customers.CustomerRoutes;
import org.hotline.api.problem.InvalidRequest;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.callbacks.CallOutcome;
import org.hotline.desk.callbacks.CallbackList;
import org.hotline.desk.callbacks.CallbackReason;
import org.hotline.desk.callbacks.NewCallback;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;


/**
 * Callbacks: {@code GET /callbacks} (an agent's still to be made: owned by them, in their
 * queues, or in no queue; by due time; every one by queue, owner, status, purpose for
 * supervisors), {@code POST /callbacks} (an agent's promise to call back), {@code POST /callbacks/{id}/complete} (the outcome
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
        router.get("/callbacks").handler(bearer.authenticated()).handler(this::list);
        router.post("/callbacks").handler(bearer.authenticated()).handler(this::schedule);
        router.post("/callbacks/:id/complete").handler(bearer.authenticated()).handler(this::complete);
        router.post("/callbacks/:id/reschedule").handler(bearer.authenticated()).handler(this::reschedule);
        router.post("/callbacks/:id/claim").handler(bearer.authenticated()).handler(this::claim);
    }

    /**
     * The callbacks to make: the agent's own ({@code scope=mine}, the default), or, for
     * supervisors, every one by {@code queue}, {@code owner} (an agent's id), {@code status}
     * (comma-separated; the open ones by default), {@code purpose}, {@code overdue=true}
     * ({@code scope=all}).
     */
    private void list(RoutingContext ctx) {
        var params = ctx.queryParams();
        User user = Bearer.user(ctx);
        String scope = Optional.ofNullable(params.get("scope")).orElse("mine");
        if (scope.equals("mine")) {
            DeskWork.run(vertx, ctx, () -> CallbackList.mine(db(), user.id(), LIMIT), rows -> send(ctx, user, rows));
            return;
        }
        if (!scope.equals("all")) {
            throw new InvalidRequest(List.of("scope: mine or all"));
        }
        if (!user.role().atLeast(Role.SUPERVISOR)) {
            Problem.of(ProblemCode.SUPERVISORS_ONLY, "every callback is for supervisors to list").send(ctx);
            return;
        }
        List<String> errors = new java.util.ArrayList<>();
        List<CallbackStatus> statuses = new java.util.ArrayList<>();
        for (String status : Optional.ofNullable(params.get("status")).filter(v -> !v.isBlank()).map(v -> v.split(",")).orElse(new String[0])) {
            try {
                statuses.add(CallbackStatus.ofDbName(status.strip()));
            } catch (IllegalArgumentException e) {
                errors.add("status: one of pending, offered, dialing, done, failed, cancelled, expired");
            }
        }
        Optional<Long> owner = Optional.ofNullable(params.get("owner")).filter(v -> !v.isBlank()).map(v -> {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                errors.add("owner: an agent's id");
                return 0L;
            }
        });
        Optional<String> purpose = Optional.ofNullable(params.get("purpose")).filter(v -> !v.isBlank());
        purpose.filter(p -> !PURPOSES.contains(p)).ifPresent(p -> errors.add("purpose: one of " + String.join(", ", PURPOSES)));
        Optional<String> queue = Optional.ofNullable(params.get("queue")).filter(v -> !v.isBlank());
        queue.filter(q -> q.length() > 80 || RequestBody.hasControlCharacters(q)).ifPresent(q -> errors.add("queue: a queue's name"));
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        var filter = new CallbackList.Filter(queue, owner, statuses, purpose, "true".equals(params.get("overdue")));
        DeskWork.run(vertx, ctx, () -> CallbackList.all(db(), filter, Instant.now(), 200), rows -> send(ctx, user, rows));
    }

    private static final List<String> PURPOSES = List.of("contact", "return_visit", "periodic_follow_up", "survey");

    private static void send(RoutingContext ctx, User user, List<CallbackList.Row> rows) {
        ctx.json(new JsonObject().put("callbacks", new JsonArray(rows.stream().map(r -> new JsonObject().put("id", r.id())
                .put("reason", r.reason()).put("purpose", r.purpose()).put("phone", r.phone()).put("status", r.status().dbName())
                .put("dueAt", r.dueAt().toString()).put("notAfter", r.notAfter().map(Instant::toString).orElse(null))
                .put("attempts", r.attempts()).put("mine", r.ownerAgentId().map(o -> o == user.id()).orElse(false))
                .put("ownerAgentId", r.ownerAgentId().orElse(null)).put("ownerName", r.ownerName().orElse(null))
                .put("queue", r.queue().orElse(null)).put("note", r.note().orElse(null))
                .put("customerId", r.customerId().orElse(null)).put("customerName", r.customerName().orElse(null))
                .put("recordId", r.recordId().orElse(null)).put("recordNumber", r.recordNumber().orElse(null))).toList())));
    }

    /**
     * An agent promises a call back ({@code POST /callbacks}): to the customer of a record (its
     * number unless another is given) or to a number, at a time or within a window agreed with
     * them, owned by the agent (a supervisor may name another agent or none, a queue), with why.
     */
    private void schedule(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        Optional<Long> record = body.optionalId("recordId");
        String phone = body.optionalText("phone", 30);
        String reason = body.presentText("reason", 30).orElse("agent_scheduled");
        Optional<Instant> dueAt = instant(body, "dueAt");
        Optional<Instant> notAfter = instant(body, "notAfter");
        Optional<Long> owner = body.optionalId("ownerAgentId");
        Optional<String> queue = body.presentText("queue", 80).filter(q -> !q.isBlank());
        String note = body.optionalText("note", 500);
        if (!List.of("agent_scheduled", "return_visit").contains(reason)) {
            body.wrong("reason: agent_scheduled or return_visit");
        }
        if (dueAt.isEmpty() && body.json().getValue("dueAt") == null) {
            body.wrong("dueAt: the time agreed (the start of the window), like 2026-11-24T15:00:00+08:00");
        }
        if (dueAt.isPresent() && notAfter.isPresent() && !notAfter.get().isAfter(dueAt.get())) {
            body.wrong("notAfter: after dueAt");
        }
        if (record.isEmpty() && phone.isBlank()) {
            body.wrong("recordId or phone: whom to call");
        }
        body.check();
        User user = Bearer.user(ctx);
        boolean supervises = user.role().atLeast(Role.SUPERVISOR);
        if (!supervises && owner.isPresent() && owner.get() != user.id()) {
            Problem.of(ProblemCode.NOT_YOURS_TO_GIVE, "an agent promises callbacks of their own; a supervisor assigns them to others").send(ctx);
            return;
        }
        Optional<String> e164 = phone.isBlank() ? Optional.empty() : Optional.of(desk.phoneNumbers().normalize(phone)
                .orElseThrow(() -> new InvalidRequest(List.of("phone: not a phone number"))));
        long by = user.id();
        DeskWork.run(vertx, ctx, () -> {
            var db = db();
            Optional<org.hotline.desk.records.ContactRecord> about = record.map(desk::record);
            String number = e164.or(() -> about.flatMap(org.hotline.desk.records.ContactRecord::phone))
                    .orElseThrow(() -> new IllegalArgumentException("phone: the record has no number to call; give one"));
            owner.ifPresent(agent -> org.hotline.desk.access.References.activeAgent(db, agent));
            Optional<Long> queueId = queue.map(name -> org.hotline.desk.access.References.queue(db, name));
            NewCallback callback = NewCallback.of(CallbackReason.fromDb(reason), number, dueAt.orElseThrow())
                    .within(Optional.empty(), notAfter);
            if (about.isPresent()) {
                callback = callback.forRecord(about.get().id(), about.get().customerId());
            }
            if (owner.isPresent() || !supervises) {
                callback = callback.ownedBy(owner.orElse(by));
            }
            if (queueId.isPresent()) {
                callback = callback.inQueue(queueId.get());
            }
            if (!note.isBlank()) {
                callback = callback.withNote(note);
            }
            return desk.promiseCallback(callback, by);
        }, scheduled -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("callbackId", scheduled.callbackId()).put("merged", scheduled.merged()).encode()));
    }

    private static Optional<Instant> instant(RequestBody body, String field) {
        Object value = body.json().getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(String.valueOf(value)).toInstant());
        } catch (DateTimeParseException e) {
            body.wrong(field + ": a time like 2026-11-24T15:00:00+08:00");
            return Optional.empty();
        }
    }

    private org.jooq.DSLContext db() {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
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
