package org.hotline.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health/live}: the process answers. {@code GET /health/ready}: it can do its work
 * (200), or not yet / no longer (503), with each check's state.
 */
public final class HealthRoutes {

    private final Readiness readiness;

    public HealthRoutes(Readiness readiness) {
        this.readiness = readiness;
    }

    public void mount(Router router) {
        router.get("/health/live").handler(this::live);
        router.get("/health/ready").handler(this::ready);
    }

    private void live(RoutingContext ctx) {
        ctx.json(new JsonObject().put("status", "UP"));
    }

    private void ready(RoutingContext ctx) {
        readiness.evaluate().onComplete(result -> {
            JsonObject checks = new JsonObject();
            boolean up = result.succeeded() && !result.result().isEmpty();
            if (result.succeeded()) {
                result.result().forEach((name, ok) -> checks.put(name, ok ? "UP" : "DOWN"));
                up = up && result.result().values().stream().allMatch(ok -> ok);
            }
            ctx.response().setStatusCode(up ? 200 : 503);
            ctx.json(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks));
        });
    }
}
