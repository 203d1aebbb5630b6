package org.hotline.api.desk;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which agent has which device ({@code agent.interface}), for what Asterisk's events say of a
 * device (a ring, a change of state): read on first use and kept, since devices rarely move; read
 * again when not known, and when a minute old, so a device given to another agent is seen within
 * a minute. A minute-old reading the database does not renew within a second (a starved pool, a
 * database away) is used as it is: a ring then still reaches its agent.
 */
public final class DeviceAgents {

    private static final long FRESH_MILLIS = 60_000;
    private static final long RENEW_WAIT_MILLIS = 1_000;

    private final Vertx vertx;
    private final DataSource dataSource;
    private final java.time.Clock clock;
    private final Map<String, Reading> agentOfDevice = new ConcurrentHashMap<>();

    private record Reading(long agent, long readAt) {
    }

    public DeviceAgents(Vertx vertx, DataSource dataSource, java.time.Clock clock) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The agent whose device this is; empty when nobody's. */
    public Future<Optional<Long>> agentOf(String device) {
        Reading known = agentOfDevice.get(device);
        long now = clock.millis();
        if (known != null && now - known.readAt() < FRESH_MILLIS) {
            return Future.succeededFuture(Optional.of(known.agent()));
        }
        Future<Optional<Long>> read = vertx.executeBlocking(() -> {
            Optional<Long> id = org.hotline.desk.agents.Agents.byDevice(DSL.using(dataSource, SQLDialect.POSTGRES), device);
            id.ifPresentOrElse(found -> agentOfDevice.put(device, new Reading(found, clock.millis())),
                    () -> agentOfDevice.remove(device));
            return id;
        }, false);
        if (known == null) {
            return read;
        }
        Promise<Optional<Long>> answer = Promise.promise();
        long timer = vertx.setTimer(RENEW_WAIT_MILLIS, t -> answer.tryComplete(Optional.of(known.agent())));
        read.onComplete(result -> {
            vertx.cancelTimer(timer);
            answer.tryComplete(result.succeeded() ? result.result() : Optional.of(known.agent()));
        });
        return answer.future();
    }
}
