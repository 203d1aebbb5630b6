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
 * signed-in agent's), newest first, at most 50 (indexed by customer and by agent).
 */
public final class CallHistoryRoutes {

    private static final int LIMIT = 50;

    private final Vertx vertx;
    private final DataSource dataSource;

    public CallHistoryRoutes(Vertx vertx, DataSource dataSource) {
        this.vertx = vertx;
        this.dataSource = dataSource;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/calls").handler(bearer.authenticated()).handler(this::history);
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
        } else {
            throw new InvalidRequest(List.of("give customerId, or mine=true"));
        }
        Condition chosen = where;
        DeskWork.run(vertx, ctx, () -> DSL.using(dataSource, SQLDialect.POSTGRES)
                .select(CALL.ID, CALL.OFFERED_AT, CALL.DIRECTION, CALL.CALLER_NUMBER, CALL.QUEUE_NAME, CALL.OUTCOME, CALL.WAIT_SECONDS,
                        CALL.TALK_SECONDS, CALL.RECORD_ID, CALL.CUSTOMER_ID, AGENT.USERNAME)
                .from(CALL).leftJoin(AGENT).on(AGENT.ID.eq(CALL.AGENT_ID))
                .where(chosen).orderBy(CALL.OFFERED_AT.desc()).limit(LIMIT)
                .fetch(r -> new JsonObject().put("id", r.value1()).put("at", r.value2().toInstant().toString())
                        .put("direction", r.value3()).put("callerNumber", r.value4()).put("queue", r.value5())
                        .put("outcome", r.value6()).put("waitSeconds", r.value7() == null ? null : r.value7().doubleValue())
                        .put("talkSeconds", r.value8() == null ? null : r.value8().doubleValue()).put("recordId", r.value9())
                        .put("customerId", r.value10()).put("agent", r.value11())),
                list -> ctx.json(new JsonObject().put("calls", new JsonArray(list))));
    }
}
