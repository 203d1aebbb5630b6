package org.hotline.api.desk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.RequestBody;
import org.hotline.api.auth.Bearer;
import org.hotline.api.problem.InvalidRequest;
import org.hotline.api.problem.Problem;
import org.hotline.api.problem.ProblemCode;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;


/**
 * {@code GET /me/state} and {@code PUT /me/state} {@code {"state": "ready" | "paused" |
 * "logged_out", "reason"}} (a pause's reason is one of the configured codes, {@code GET
 * /pause-reasons}; free text never reaches the PBX): the agent's device logged into their queues (queue_membership),
 * paused with a reason, ready, or logged out, as the PBX does it; the result comes back when the
 * PBX has answered (502 when it refuses, 503 when it cannot be reached, 409 when the agent has no
 * device or no queues).
 */
public final class AgentStateRoutes {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final QueueMembers members;
    private final org.hotline.desk.settings.PauseReasons reasons;

    public AgentStateRoutes(Vertx vertx, DataSource dataSource, QueueMembers members, org.hotline.desk.settings.PauseReasons reasons) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.members = members;
        this.reasons = reasons;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/me/state").handler(bearer.authenticated()).handler(this::show);
        router.get("/pause-reasons").handler(bearer.authenticated()).handler(this::pauseReasons);
        router.put("/me/state").handler(bearer.authenticated()).handler(ctx -> change(ctx, Bearer.user(ctx).id()));
        // a supervisor forcing an agent's state (ready, paused with a reason, logged out)
        router.put("/agents/:id/state").handler(bearer.authenticated()).handler(Bearer.atLeast(org.hotline.api.auth.Role.SUPERVISOR))
                .handler(ctx -> change(ctx, org.hotline.api.customers.CustomerRoutes.pathId(ctx)));
    }

    private record Desk(String agentInterface, String memberName, List<QueueMembers.Seat> seats) {
    }

    private Future<Desk> desk(long agentId) {
        return vertx.executeBlocking(() -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            var agent = org.hotline.desk.agents.Agents.one(db, agentId);
            List<QueueMembers.Seat> seats = org.hotline.desk.agents.AgentQueues.activeOf(db, agentId).stream()
                    .map(seat -> new QueueMembers.Seat(seat.queue(), seat.penalty())).toList();
            return new Desk(agent.device().orElse(null), agent.displayName(), seats);
        }, false);
    }

    private void show(RoutingContext ctx) {
        desk(Bearer.user(ctx).id()).onSuccess(desk -> ctx.json(json(desk, desk.agentInterface() == null ? Optional.empty()
                : members.standing(desk.agentInterface())))).onFailure(ctx::fail);
    }

    private void change(RoutingContext ctx, long agentId) {
        RequestBody body = RequestBody.of(ctx);
        String state = body.text("state", 20);
        String reason = body.optionalText("reason", 40);
        body.check();
        if (!List.of("ready", "paused", "wrap_up", "logged_out").contains(state)) {
            throw new InvalidRequest(List.of("state: one of ready, paused, wrap_up, logged_out"));
        }
        if (state.equals("paused") && !reasons.allows(reason)) {
            throw new InvalidRequest(List.of("reason: " + (reason.isBlank() ? "a pause needs a reason" : "not a pause reason")
                    + "; one of " + String.join(", ", reasons.reasons().keySet())));
        }
        desk(agentId).onSuccess(desk -> {
            if (desk.agentInterface() == null || desk.agentInterface().isBlank()) {
                Problem.of(ProblemCode.NO_DEVICE, "no phone device (agent.interface) to log in with").send(ctx);
                return;
            }
            if (desk.seats().isEmpty() && !state.equals("paused") && !state.equals("wrap_up")) {
                Problem.of(ProblemCode.NO_QUEUES, "a member of no queue (queue_membership)").send(ctx);
                return;
            }
            String device = desk.agentInterface();
            String now = members.state(device).orElse("logged_out");
            var done = switch (state) {
                case "ready" -> (now.equals("logged_out") ? members.logIn(device, desk.memberName(), desk.seats())
                        : members.ready(device)).toCompletableFuture();
                case "paused" -> members.pause(device, reason).toCompletableFuture();
                case "wrap_up" -> members.pause(device, QueueMembers.WRAP_UP_REASON).toCompletableFuture();
                default -> members.logOut(device, desk.seats().stream().map(QueueMembers.Seat::queue).toList()).toCompletableFuture();
            };
            done.whenComplete((x, e) -> {
                if (e == null) {
                    // as asked; since when comes with the agent_state message once the PBX's events tell it
                    ctx.json(json(desk, Optional.of(new QueueMembers.Standing(state, state.equals("paused") ? reason : "",
                            Optional.empty(), Optional.empty()))));
                    return;
                }
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                switch (cause) {
                    case QueueMembers.PbxUnavailable u -> Problem.of(ProblemCode.PBX_UNAVAILABLE, u.getMessage()).send(ctx);
                    case QueueMembers.PbxRefused r -> Problem.of(ProblemCode.PBX_REFUSED, r.getMessage()).send(ctx);
                    default -> ctx.fail(cause);
                }
            });
        }).onFailure(ctx::fail);
    }

    private void pauseReasons(RoutingContext ctx) {
        JsonArray list = new JsonArray();
        reasons.reasons().forEach((code, label) -> list.add(new JsonObject().put("code", code)
                .put("labels", new JsonObject().put("zh-CN", label.zhCn()).put("en", label.en()))));
        ctx.json(new JsonObject().put("reasons", list));
    }

    /** As the console's {@code agent_state} message has it: since, reason (paused), wrapUpEndsAt (the bridge's wrap-up). */
    private static JsonObject json(Desk desk, Optional<QueueMembers.Standing> standing) {
        JsonObject json = new JsonObject().put("state", standing.map(QueueMembers.Standing::state).orElse("logged_out"))
                .put("interface", desk.agentInterface())
                .put("queues", new JsonArray(desk.seats().stream().map(QueueMembers.Seat::queue).toList()));
        standing.ifPresent(s -> {
            s.since().ifPresent(since -> json.put("since", since.toString()));
            if (!s.reason().isEmpty()) {
                json.put("reason", s.reason());
            }
            s.wrapUpEndsAt().ifPresent(ends -> json.put("wrapUpEndsAt", ends.toString()));
        });
        return json;
    }
}
