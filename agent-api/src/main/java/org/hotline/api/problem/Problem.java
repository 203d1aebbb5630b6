package org.hotline.api.problem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * An error as RFC 9457 problem details ({@code application/problem+json}): a type, a title for
 * the kind of problem, its {@link ProblemCode} (what clients act on and translate), the HTTP
 * status, a detail for this occurrence and, for invalid input, the fields at fault. Never a stack trace.
 */
public record Problem(int status, ProblemCode code, String detail, List<String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemCode code, String detail) {
        return new Problem(code.status(), code, detail, List.of());
    }

    public String title() {
        return code.title();
    }

    public JsonObject toJson(String instance) {
        JsonObject json = new JsonObject()
                .put("type", "about:blank")
                .put("title", code.title())
                .put("code", code.id())
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
        if (!errors.isEmpty()) {
            json.put("errors", new JsonArray(errors));
        }
        return json;
    }

    public void send(RoutingContext ctx) {
        send(ctx, new JsonObject());
    }

    /** Sends the problem with members of its own (RFC 9457 extensions): the known customers, the current state, ... */
    public void send(RoutingContext ctx, JsonObject extensions) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE);
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hotline\"");
        }
        ctx.response().end(extensions.copy().mergeIn(toJson(ctx.request().path())).encode());
    }
}
