package org.hotline.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.problem.Problem;
import org.hotline.desk.records.IllegalTransitionException;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Service-desk work for a request, off the event loop, with the desk's refusals as problems:
 * a record or callback that is not there is 404; one the asker may not act on is 403; a step its workflow or state does not allow now
 * is 409; anything else goes to the failure handler.
 */
public final class DeskWork {

    private DeskWork() {
    }

    public static <T> void run(Vertx vertx, RoutingContext ctx, Callable<T> work, Consumer<T> reply) {
        vertx.executeBlocking(work, false).onSuccess(reply::accept).onFailure(e -> {
            switch (e) {
                case IllegalTransitionException refused -> Problem.of(409, "Not allowed now", refused.getMessage()).send(ctx);
                case org.hotline.desk.access.NotYours refused -> Problem.of(403, "Not yours", refused.getMessage()).send(ctx);
                case org.hotline.desk.access.UnknownReference unknown -> Problem.of(422, "Unknown reference", unknown.getMessage()).send(ctx);
                case org.hotline.desk.customers.NotDialable refused -> Problem.of(422, "Number not allowed", refused.getMessage()).send(ctx);
                case IllegalStateException refused -> Problem.of(409, "Not possible now", refused.getMessage()).send(ctx);
                case IllegalArgumentException missing when String.valueOf(missing.getMessage()).startsWith("no ") ->
                        Problem.of(404, "Not found", missing.getMessage()).send(ctx);
                default -> ctx.fail(e);
            }
        });
    }
}
