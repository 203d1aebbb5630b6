package org.hotline.api.supervisor;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.RequestBody;
import org.hotline.api.auth.Bearer;
import org.hotline.api.auth.Role;
import org.hotline.api.customers.CustomerRoutes;
import org.hotline.api.problem.InvalidRequest;
import org.hotline.desk.agents.AgentQueues;
import org.hotline.desk.agents.QueueSeat;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Supervisors set the queues an agent's Ready logs them into, with a penalty in each:
 * {@code GET /agents/{id}/queues} and {@code PUT /agents/{id}/queues} {@code {"queues": [{"queue":
 * "service", "penalty": 0}]}} (the whole list; an unknown agent or queue is 422 and nothing
 * changes). It takes effect at the agent's next Ready from logged out.
 */
public final class AgentQueueRoutes {

    private final Vertx vertx;
    private final DataSource dataSource;

    public AgentQueueRoutes(Vertx vertx, DataSource dataSource) {
        this.vertx = vertx;
        this.dataSource = dataSource;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/agents/:id/queues").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR)).handler(this::show);
        router.put("/agents/:id/queues").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR)).handler(this::replace);
    }

    private void show(RoutingContext ctx) {
        long agent = CustomerRoutes.pathId(ctx);
        DeskWork.run(vertx, ctx, () -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            if (org.hotline.desk.agents.Agents.one(db, agent).username().isEmpty()) {
                throw new IllegalArgumentException("no agent " + agent);
            }
            return AgentQueues.of(db, agent);
        }, seats -> ctx.json(json(agent, seats)));
    }

    private void replace(RoutingContext ctx) {
        long agent = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        body.check();
        Object list = body.json().getValue("queues");
        if (!(list instanceof JsonArray array)) {
            throw new InvalidRequest(List.of("queues: a list of {queue, penalty}"));
        }
        List<QueueSeat> seats = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            try {
                if (!(item instanceof JsonObject seat) || !(seat.getValue("queue") instanceof String queue)
                        || !(seat.getValue("penalty", 0) instanceof Integer penalty)) {
                    throw new IllegalArgumentException("{queue: text, penalty: whole number}");
                }
                if (seats.stream().anyMatch(s -> s.queue().equals(queue))) {
                    throw new IllegalArgumentException("'" + queue + "' is named twice");
                }
                seats.add(new QueueSeat(queue, penalty));
            } catch (IllegalArgumentException e) {
                errors.add("queues[" + i + "]: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        DeskWork.run(vertx, ctx, () -> DSL.using(dataSource, SQLDialect.POSTGRES).transactionResult(c -> {
            AgentQueues.replace(c.dsl(), agent, seats);
            return AgentQueues.of(c.dsl(), agent);
        }), now -> ctx.json(json(agent, now)));
    }

    private static JsonObject json(long agent, List<QueueSeat> seats) {
        JsonArray queues = new JsonArray();
        seats.forEach(s -> queues.add(new JsonObject().put("queue", s.queue()).put("penalty", s.penalty())));
        return new JsonObject().put("agentId", agent).put("queues", queues);
    }
}
