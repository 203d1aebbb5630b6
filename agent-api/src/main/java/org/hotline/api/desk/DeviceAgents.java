package org.hotline.api.desk;

import io.vertx.core.Future;
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
 * again when not known; forgotten every minute, so a device given to another agent is seen
 * within a minute.
 */
public final class DeviceAgents {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final Map<String, Long> agentOfDevice = new ConcurrentHashMap<>();

    public DeviceAgents(Vertx vertx, DataSource dataSource) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        vertx.setPeriodic(60_000, t -> agentOfDevice.clear());
    }

    /** The agent whose device this is; empty when nobody's. */
    public Future<Optional<Long>> agentOf(String device) {
        Long known = agentOfDevice.get(device);
        if (known != null) {
            return Future.succeededFuture(Optional.of(known));
        }
        return vertx.executeBlocking(() -> {
            Optional<Long> id = org.hotline.desk.agents.Agents.byDevice(DSL.using(dataSource, SQLDialect.POSTGRES), device);
            id.ifPresent(found -> agentOfDevice.put(device, found));
            return id;
        }, false);
    }
}
