package org.hotline.api.calls;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.RequestBody;
import org.hotline.api.auth.Bearer;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.User;
import org.hotline.api.customers.CustomerRoutes;
import org.hotline.desk.ServiceDesk;

import java.util.Optional;

/**
 * Every answered call registered (来电必答): {@code GET /calls/dispositions} (what a call may come
 * to, with its labels) and {@code POST /calls/{id}/disposition} {@code {"recordId"} or
 * {"disposition", "note"}} (at wrap-up, by the agent who answered it or a supervisor).
 */
public final class CallRegistrationRoutes {

    private final Vertx vertx;
    private final ServiceDesk desk;

    public CallRegistrationRoutes(Vertx vertx, ServiceDesk desk) {
        this.vertx = vertx;
        this.desk = desk;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/calls/dispositions").handler(bearer.authenticated()).handler(this::dispositions);
        router.post("/calls/:id/disposition").handler(bearer.authenticated()).handler(this::register);
    }

    private void dispositions(RoutingContext ctx) {
        JsonArray list = new JsonArray();
        desk.callDispositions().dispositions().forEach((code, label) -> list.add(new JsonObject().put("code", code)
                .put("labels", new JsonObject().put("zh-CN", label.zhCn()).put("en", label.en()))));
        ctx.json(new JsonObject().put("dispositions", list));
    }

    private void register(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        Optional<Long> record = body.optionalId("recordId");
        Optional<String> disposition = body.presentText("disposition", 20).filter(d -> !d.isBlank());
        Optional<String> note = body.presentText("note", 500).filter(n -> !n.isBlank());
        if (record.isPresent() == disposition.isPresent()) {
            body.wrong("recordId or disposition: one, what the call came to");
        }
        disposition.filter(d -> !desk.callDispositions().allows(d))
                .ifPresent(d -> body.wrong("disposition: one of " + String.join(", ", desk.callDispositions().dispositions().keySet())));
        body.check();
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> desk.registerCall(id, disposition, record, note, user.id(), user.role().atLeast(Role.SUPERVISOR)),
                registered -> ctx.json(new JsonObject().put("callId", registered.callId()).put("disposition", registered.disposition())
                        .put("recordId", registered.recordId().orElse(null))));
    }
}
