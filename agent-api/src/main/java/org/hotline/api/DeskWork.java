package org.hotline.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.problem.Problem;
import org.hotline.api.problem.ProblemCode;
import org.hotline.desk.records.IllegalTransitionException;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Service-desk work for a request, off the event loop, with the desk's refusals as problems:
 * a record or callback that is not there is 404; one the asker may not act on is 403; a step its
 * workflow or state does not allow now is 409 (an edit of a changed version with the current
 * state, when the route says how to read it); an id in the body that names nothing, or a
 * customer already known, 422; a value the desk refuses, 400; anything else goes to the failure
 * handler.
 */
public final class DeskWork {

    private DeskWork() {
    }

    public static <T> void run(Vertx vertx, RoutingContext ctx, Callable<T> work, Consumer<T> reply) {
        run(vertx, ctx, work, reply, null);
    }

    /** As {@link #run(Vertx, RoutingContext, Callable, Consumer)}; an edit refused as stale answers 409 with {@code current} of it. */
    public static <T> void run(Vertx vertx, RoutingContext ctx, Callable<T> work, Consumer<T> reply,
                               java.util.function.Function<org.hotline.desk.access.StaleVersion, Object> current) {
        vertx.executeBlocking(work, false).onSuccess(reply::accept).onFailure(e -> {
            switch (e) {
                case IllegalTransitionException refused -> Problem.of(ProblemCode.TRANSITION_NOT_ALLOWED, refused.getMessage())
                        .send(ctx, new io.vertx.core.json.JsonObject().put("from", refused.from().dbName()).put("to", refused.to().dbName()));
                case org.hotline.desk.access.NotYours refused -> Problem.of(ProblemCode.NOT_YOURS, refused.getMessage()).send(ctx);
                case org.hotline.desk.access.UnknownReference unknown -> Problem.of(ProblemCode.UNKNOWN_REFERENCE, unknown.getMessage()).send(ctx);
                case org.hotline.desk.customers.NotDialable refused -> Problem.of(ProblemCode.NUMBER_NOT_ALLOWED, refused.getMessage()).send(ctx);
                case org.hotline.desk.customers.KnownCustomers known -> Problem.of(ProblemCode.CUSTOMER_KNOWN, known.getMessage())
                        .send(ctx, new io.vertx.core.json.JsonObject().put("known", new io.vertx.core.json.JsonArray(known.known().stream()
                                .map(k -> new io.vertx.core.json.JsonObject().put("id", k.id()).put("name", k.name()).put("foundBy", k.foundBy()))
                                .toList())));
                case org.hotline.desk.access.StaleVersion stale when current != null ->
                        vertx.executeBlocking(() -> current.apply(stale), false).onComplete(state -> Problem.of(ProblemCode.CHANGED_SINCE,
                                stale.getMessage()).send(ctx, new io.vertx.core.json.JsonObject().put("current", state.result())));
                case IllegalStateException refused -> Problem.of(ProblemCode.NOT_POSSIBLE_NOW, refused.getMessage()).send(ctx);
                case IllegalArgumentException missing when String.valueOf(missing.getMessage()).startsWith("no ") ->
                        Problem.of(ProblemCode.NOT_FOUND, missing.getMessage()).send(ctx);
                // what the desk refuses as invalid is what the client sent: a field's rule the route could not check itself
                case IllegalArgumentException invalid -> new Problem(400, ProblemCode.INVALID_REQUEST, "the request is not valid",
                        List.of(String.valueOf(invalid.getMessage()))).send(ctx);
                default -> ctx.fail(e);
            }
        });
    }
}
