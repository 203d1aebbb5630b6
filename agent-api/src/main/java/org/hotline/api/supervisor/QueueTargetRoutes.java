package org.hotline.api.supervisor;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.RequestBody;
import org.hotline.api.auth.Bearer;
import org.hotline.api.auth.Role;
import org.hotline.desk.reports.QueueTargetSettings;
import org.hotline.desk.reports.QueueTargets;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Supervisors set what each queue's wallboard tile is measured against: {@code GET /queues} and
 * {@code PUT /queues/{name}/targets} {@code {"serviceLevelPercent", "waitingWarn",
 * "waitingAlarm", "longestWaitWarnSeconds", "longestWaitAlarmSeconds"}} (an alarm below its
 * warning is 400, an unknown queue 404). The wallboards of this node show it at once (the
 * {@link #CHANGED} address), the other nodes' within a minute.
 */
public final class QueueTargetRoutes {

    /** Where this node is told that a queue's targets changed (a queue name). */
    public static final String CHANGED = "hotline.queue-targets.changed";

    private final Vertx vertx;
    private final DataSource dataSource;

    public QueueTargetRoutes(Vertx vertx, DataSource dataSource) {
        this.vertx = vertx;
        this.dataSource = dataSource;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/queues").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR)).handler(this::list);
        router.put("/queues/:name/targets").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR)).handler(this::set);
    }

    private void list(RoutingContext ctx) {
        DeskWork.run(vertx, ctx, () -> new TreeMap<>(QueueTargetSettings.all(DSL.using(dataSource, SQLDialect.POSTGRES))),
                queues -> ctx.json(new JsonObject().put("queues", new JsonArray(queues.entrySet().stream().map(QueueTargetRoutes::json).toList()))));
    }

    private void set(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        RequestBody body = RequestBody.of(ctx);
        int percent = body.presentInteger("serviceLevelPercent", 1, 100).orElse(0);
        int waitingWarn = body.presentInteger("waitingWarn", 1, 10_000).orElse(0);
        int waitingAlarm = body.presentInteger("waitingAlarm", 1, 10_000).orElse(0);
        int longestWarn = body.presentInteger("longestWaitWarnSeconds", 1, 86_400).orElse(0);
        int longestAlarm = body.presentInteger("longestWaitAlarmSeconds", 1, 86_400).orElse(0);
        body.check();
        DeskWork.run(vertx, ctx, () -> {
            var change = new QueueTargetSettings.Change(percent, waitingWarn, waitingAlarm, Duration.ofSeconds(longestWarn),
                    Duration.ofSeconds(longestAlarm));
            return QueueTargetSettings.set(DSL.using(dataSource, SQLDialect.POSTGRES), name, change)
                    .orElseThrow(() -> new IllegalArgumentException("no queue " + name));
        }, targets -> {
            vertx.eventBus().publish(CHANGED, name);
            ctx.json(json(Map.entry(name, targets)));
        });
    }

    private static JsonObject json(Map.Entry<String, QueueTargets> queue) {
        QueueTargets t = queue.getValue();
        return new JsonObject().put("name", queue.getKey()).put("displayName", t.displayName())
                .put("serviceLevelSeconds", t.serviceLevel().toSeconds())
                .put("serviceLevelPercent", t.serviceLevelTargetPercent())
                .put("waitingWarn", t.waitingWarn()).put("waitingAlarm", t.waitingAlarm())
                .put("longestWaitWarnSeconds", t.longestWaitWarn().toSeconds())
                .put("longestWaitAlarmSeconds", t.longestWaitAlarm().toSeconds());
    }
}
