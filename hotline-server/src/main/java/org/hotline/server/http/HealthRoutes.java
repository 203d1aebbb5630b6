package org.hotline.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health/live}: the process answers. {@code GET /health/ready}: it can do its work
 * (200, {@code UP}), it can with less ({@code DEGRADED}, still 200, so that a load balancer keeps
 * sending agents to it: an Asterisk's AMI link is down, or the timers are behind), or not yet / no
 * longer (503, {@code DOWN}); with each check's state.
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
            Readiness.Status status = result.succeeded() ? readiness.status(result.result()) : Readiness.Status.DOWN;
            if (result.succeeded()) {
                result.result().forEach((name, ok) -> checks.put(name, ok ? "UP" : "DOWN"));
            }
            ctx.response().setStatusCode(status == Readiness.Status.DOWN ? 503 : 200);
            ctx.json(new JsonObject().put("status", status.name()).put("checks", checks));
        });
    }
}
