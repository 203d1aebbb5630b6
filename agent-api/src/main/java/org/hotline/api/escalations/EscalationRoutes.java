package org.hotline.api.escalations;

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
import org.hotline.api.customers.CustomerRoutes;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.access.NotYours;
import org.hotline.desk.escalations.Escalation;
import org.hotline.desk.escalations.EscalationLevel;
import org.hotline.desk.escalations.Escalations;
import org.hotline.desk.records.Actor;

import java.time.Instant;
import java.util.Optional;

/**
 * Escalations as supervisors and managers handle them: {@code GET /escalations} (open ones, or
 * all; mine: the ones I took; by level), {@code POST /escalations/{id}/acknowledge} (I take it: it
 * stops climbing) and {@code POST /escalations/{id}/resolve} (with a note of what was done). A
 * supervisor handles supervisor-level ones; manager and leadership ones need a manager or an admin.
 */
public final class EscalationRoutes {

    private static final int LIMIT = 100;

    private final Vertx vertx;
    private final ServiceDesk desk;

    public EscalationRoutes(Vertx vertx, ServiceDesk desk) {
        this.vertx = vertx;
        this.desk = desk;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/escalations").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR)).handler(this::list);
        router.post("/escalations/:id/acknowledge").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR))
                .handler(this::acknowledge);
        router.post("/escalations/:id/resolve").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR))
                .handler(this::resolve);
    }

    private void list(RoutingContext ctx) {
        User user = Bearer.user(ctx);
        boolean all = "all".equals(ctx.queryParams().get("state"));
        boolean mine = "true".equals(ctx.queryParams().get("mine"));
        Optional<EscalationLevel> level = Optional.ofNullable(ctx.queryParams().get("level")).map(EscalationLevel::ofDbName);
        var filter = new Escalations.Filter(!all, mine ? Optional.of(user.id()) : Optional.empty(), level, LIMIT);
        DeskWork.run(vertx, ctx, () -> desk.escalations(filter),
                list -> ctx.json(new JsonObject().put("escalations", new JsonArray(list.stream().map(EscalationRoutes::json).toList()))));
    }

    private void acknowledge(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            mayHandle(id, user);
            return desk.acknowledgeEscalation(id, Actor.agent(user.id(), user.username()));
        }, escalation -> ctx.json(json(escalation)));
    }

    private void resolve(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        String note = body.text("note", 2000);
        body.check();
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            mayHandle(id, user);
            return desk.resolveEscalation(id, Actor.agent(user.id(), user.username()), note);
        }, escalation -> ctx.json(json(escalation)));
    }

    /** Supervisor-level ones by a supervisor or above; manager and leadership ones by a manager or an admin. */
    private void mayHandle(long id, User user) {
        Escalation escalation = desk.escalation(id).orElseThrow(() -> new IllegalArgumentException("no escalation " + id));
        if (escalation.level() != EscalationLevel.SUPERVISOR && !user.role().atLeast(Role.MANAGER)) {
            throw new NotYours("a " + escalation.level().dbName() + " escalation is handled by a manager");
        }
    }

    static JsonObject json(Escalation e) {
        return new JsonObject().put("id", e.id()).put("recordId", e.recordId()).put("recordNumber", e.recordNumber())
                .put("level", e.level().dbName()).put("trigger", e.trigger().dbName()).put("reason", e.reason())
                .put("raisedAt", e.raisedAt().toString())
                .put("acknowledgedAt", e.acknowledgedAt().map(Instant::toString).orElse(null))
                .put("acknowledgedBy", e.acknowledgedBy().orElse(null))
                .put("resolvedAt", e.resolvedAt().map(Instant::toString).orElse(null))
                .put("resolvedBy", e.resolvedBy().orElse(null)).put("resolution", e.resolution().orElse(null))
                .put("climbsAt", e.climbAt().map(Instant::toString).orElse(null)).put("climbedFrom", e.climbedFrom().orElse(null));
    }
}
