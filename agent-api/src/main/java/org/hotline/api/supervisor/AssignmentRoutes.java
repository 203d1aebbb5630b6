package org.hotline.api.supervisor;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.auth.Bearer;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.User;
import org.hotline.api.customers.CustomerRoutes;
import org.hotline.api.problem.InvalidRequest;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.records.Actor;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;


/**
 * Supervisors reassigning work: {@code POST /callbacks/{id}/assign} and
 * {@code POST /records/{id}/assign} {@code {"agentId", "reason"}}; the new owner is offered the
 * callback first, the record's trail says who moved it to whom and why.
 */
public final class AssignmentRoutes {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final ServiceDesk desk;

    public AssignmentRoutes(Vertx vertx, DataSource dataSource, ServiceDesk desk) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.desk = desk;
    }

    public void mount(Router router, Bearer bearer) {
        router.post("/callbacks/:id/assign").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR))
                .handler(ctx -> assign(ctx, (id, agent, by, reason) -> {
                    desk.assignCallback(id, agent, Optional.of(by.id()));
                    return new JsonObject().put("callbackId", id).put("ownerAgentId", agent);
                }));
        router.post("/records/:id/assign").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR))
                .handler(ctx -> assign(ctx, (id, agent, by, reason) -> {
                    var record = desk.assignRecord(id, agent, Actor.agent(by.id(), by.username()), reason);
                    return new JsonObject().put("recordId", record.id()).put("handlerAgentId", agent);
                }));
    }

    @FunctionalInterface
    private interface Assignment {
        JsonObject assign(long id, long agentId, User by, String reason);
    }

    private void assign(RoutingContext ctx, Assignment assignment) {
        long id = CustomerRoutes.pathId(ctx);
        org.hotline.api.RequestBody body = org.hotline.api.RequestBody.of(ctx);
        long agent = body.id("agentId");
        String reason = body.optionalText("reason", 500);
        body.check();
        User by = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            org.hotline.desk.access.References.activeAgent(DSL.using(dataSource, SQLDialect.POSTGRES), agent);
            return assignment.assign(id, agent, by, reason);
        }, ctx::json);
    }
}
