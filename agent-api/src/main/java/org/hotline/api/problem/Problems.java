package org.hotline.api.problem;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
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
            case InvalidRequest invalid -> new Problem(400, ProblemCode.INVALID_REQUEST, "the request is not what this endpoint takes",
                    invalid.errors());
            case DecodeException e -> Problem.of(ProblemCode.MALFORMED_JSON, "the body is not valid JSON");
            case null -> byStatus(status, ctx);
            default -> status >= 400 && status < 500 ? byStatus(status, ctx) : null;
        };
        if (problem == null) {
            internal(ctx, failure);
        } else {
            problem.send(ctx);
        }
    }

    private static Problem byStatus(int status, RoutingContext ctx) {
        return switch (status) {
            case 400 -> Problem.of(ProblemCode.BAD_REQUEST, "the request cannot be read");
            case 401 -> Problem.of(ProblemCode.UNAUTHORIZED, "a valid access token is needed: Authorization: Bearer <token>");
            case 403 -> Problem.of(ProblemCode.FORBIDDEN, "your role may not do this");
            case 404 -> Problem.of(ProblemCode.NOT_FOUND, "no such resource: " + ctx.request().path());
            case 405 -> Problem.of(ProblemCode.METHOD_NOT_ALLOWED, ctx.request().method() + " is not allowed here");
            case 413 -> Problem.of(ProblemCode.TOO_LARGE, "the body is larger than this API takes");
            case 415 -> Problem.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "send application/json");
            default -> status >= 400 && status < 500 ? new Problem(status, ProblemCode.CLIENT_ERROR, "the request was refused", List.of())
                    : null;
        };
    }

    /** A failure of ours: logged with a reference the response gives too (member {@code reference}), so support can find it. */
    private static void internal(RoutingContext ctx, Throwable failure) {
        String id = UUID.randomUUID().toString();
        log.error("API error {} on {} {}", id, ctx.request().method(), ctx.request().path(), failure);
        Problem.of(ProblemCode.INTERNAL, "something went wrong on our side; reference " + id).send(ctx, new JsonObject().put("reference", id));
    }
}
