package org.hotline.api.wallboard;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hotline.events.AgentStateChanged;
import org.hotline.events.HotlineEvent;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The agents' display names on the wallboard, from the agent table: read every minute (names an
 * admin gives or changes reach the wall within a minute) and at once, at most every 5 s, when an
 * agent the wallboard has no name for changes state; the agents whose name changed go to the
 * viewers.
 */
public final class AgentNames {

    private static final long AT_MOST_EVERY_NANOS = 5_000_000_000L;

    private final Vertx vertx;
    private final DataSource dataSource;
    private final Wallboard wallboard;
    private final Consumer<List<JsonObject>> viewers;
    private final AtomicLong lastRead = new AtomicLong(System.nanoTime() - AT_MOST_EVERY_NANOS);

    public AgentNames(Vertx vertx, DataSource dataSource, Wallboard wallboard, Consumer<List<JsonObject>> viewers) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.wallboard = wallboard;
        this.viewers = viewers;
    }

    /** Reads the names every minute, and when an agent without one shows in the agent events at {@code addresses}. */
    public void follow(String... addresses) {
        vertx.setPeriodic(60_000, t -> read());
        for (String address : addresses) {
            vertx.eventBus().<HotlineEvent>consumer(address, message -> {
                long now = System.nanoTime();
                if (message.body() instanceof AgentStateChanged change && !wallboard.knowsName(change.agentInterface())
                        && now - lastRead.get() > AT_MOST_EVERY_NANOS) {
                    lastRead.set(now);
                    read();
                }
            });
        }
    }

    private void read() {
        vertx.executeBlocking(() -> org.hotline.desk.reports.OpenWork.agentNames(DSL.using(dataSource, SQLDialect.POSTGRES)), false)
                .onSuccess(names -> viewers.accept(wallboard.agentNames(names)));
    }
}
