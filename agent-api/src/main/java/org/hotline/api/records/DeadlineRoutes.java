package org.hotline.api.records;

import io.vertx.core.Vertx;
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
import org.hotline.desk.records.Actor;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;

/**
 * A record's deadlines as people change them: {@code POST /records/{id}/clocks/{milestone}/extension}
 * {@code {"extension", "reason"}} (a longer allowance the milestone offers, granted with the
 * customer's agreement, which the reason records; by who may change the record) and
 * {@code POST /records/{id}/manager-confirmation} {@code {"note"}} (the after-sales manager confirms
 * the job; managers only). Each in the record's trail.
 */
public final class DeadlineRoutes {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final ServiceDesk desk;

    public DeadlineRoutes(Vertx vertx, DataSource dataSource, ServiceDesk desk) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.desk = desk;
    }

    public void mount(Router router, Bearer bearer) {
        router.post("/records/:id/clocks/:milestone/extension").handler(bearer.authenticated()).handler(this::extend);
        router.post("/records/:id/manager-confirmation").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.MANAGER))
                .handler(this::confirm);
    }

    private void extend(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        String milestone = ctx.pathParam("milestone");
        RequestBody body = RequestBody.of(ctx);
        String extension = body.text("extension", 40);
        String reason = body.text("reason", 500);
        if (milestone.length() > 60 || !milestone.matches("[a-z0-9-]+")) {
            body.wrong("milestone: a milestone's code, like repair-done");
        }
        body.check();
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            org.hotline.desk.access.RecordAccess.checkChange(DSL.using(dataSource, SQLDialect.POSTGRES), id, Bearer.who(user));
            desk.extendDeadline(id, milestone, extension, Actor.agent(user.id(), user.username()), reason);
            return org.hotline.desk.records.RecordDetail.of(DSL.using(dataSource, SQLDialect.POSTGRES), id).orElseThrow();
        }, detail -> ctx.json(new JsonObject().put("recordId", id).put("milestone", milestone).put("extension", extension)
                .put("deadline", detail.clocks().stream().filter(c -> c.milestone().equals(milestone)).findFirst()
                        .flatMap(org.hotline.desk.records.RecordDetail.Clock::deadline).map(java.time.Instant::toString).orElse(null))));
    }

    private void confirm(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        String note = body.optionalText("note", 500);
        body.check();
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            desk.confirmByManager(id, Actor.agent(user.id(), user.username()), note.isBlank() ? "confirmed" : note);
            return id;
        }, done -> ctx.json(new JsonObject().put("recordId", id).put("confirmed", true)));
    }
}
