package org.hotline.api.wallboard;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.List;
import java.util.function.Consumer;

/**
 * The queues' wallboard targets and display names, from the queue table: read every minute (a
 * change made on another node reaches this wall within a minute) and at once when this node is
 * told one changed; the tiles whose targets changed go to the viewers.
 */
public final class QueueTargetsFollower {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final Wallboard wallboard;
    private final Consumer<List<JsonObject>> viewers;

    public QueueTargetsFollower(Vertx vertx, DataSource dataSource, Wallboard wallboard, Consumer<List<JsonObject>> viewers) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.wallboard = wallboard;
        this.viewers = viewers;
    }

    /** Reads every minute, and at once when a queue name is published at {@code changedAddress} on this node. */
    public void follow(String changedAddress) {
        vertx.setPeriodic(60_000, t -> read());
        vertx.eventBus().<String>localConsumer(changedAddress, message -> read());
    }

    private void read() {
        vertx.executeBlocking(() -> org.hotline.desk.reports.OpenWork.queues(DSL.using(dataSource, SQLDialect.POSTGRES)), false)
                .onSuccess(queues -> viewers.accept(wallboard.queues(queues)));
    }
}
