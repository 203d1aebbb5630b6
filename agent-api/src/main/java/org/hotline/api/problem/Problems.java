package org.hotline.api.problem;

import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** The API's failure handler: every failure becomes a problem+json response with the right status. */
public final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        Problem problem = switch (failure) {
            case InvalidRequest invalid -> new Problem(400, "Invalid request", "the request is not what this endpoint takes",
                    invalid.errors());
            case DecodeException e -> Problem.of(400, "Malformed JSON", "the body is not valid JSON");
            case null -> byStatus(status, ctx);
            default -> status >= 400 && status < 500 ? byStatus(status, ctx) : internal(ctx, failure);
        };
        problem.send(ctx);
    }

    private static Problem byStatus(int status, RoutingContext ctx) {
        return switch (status) {
            case 400 -> Problem.of(400, "Bad request", "the request cannot be read");
            case 401 -> Problem.of(401, "Unauthorized", "a valid access token is needed: Authorization: Bearer <token>");
            case 403 -> Problem.of(403, "Forbidden", "your role may not do this");
            case 404 -> Problem.of(404, "Not found", "no such resource: " + ctx.request().path());
            case 405 -> Problem.of(405, "Method not allowed", ctx.request().method() + " is not allowed here");
            case 413 -> Problem.of(413, "Request too large", "the body is larger than this API takes");
            case 415 -> Problem.of(415, "Unsupported media type", "send application/json");
            default -> status >= 400 && status < 500 ? Problem.of(status, "Client error", "the request was refused")
                    : internal(ctx, null);
        };
    }

    private static Problem internal(RoutingContext ctx, Throwable failure) {
        String id = UUID.randomUUID().toString();
        log.error("API error {} on {} {}", id, ctx.request().method(), ctx.request().path(), failure);
        return Problem.of(500, "Internal error", "something went wrong on our side; reference " + id);
    }
}
