package org.hotline.server.cluster;

import org.hotline.bridge.Switchboard;
import org.hotline.desk.agents.Agents;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Asterisk server that has an agent's device, where their commands go: the one named for the
 * agent ({@code agent.asterisk_server}), else the one whose follower last saw the device in a
 * queue, else the first configured. With one server configured, that one.
 */
public final class DeviceServers {

    private final List<String> servers;
    private final AgentStandings standings;
    private final DataSource dataSource;

    /** @param servers the configured Asterisk servers' names, in order */
    public DeviceServers(List<String> servers, AgentStandings standings, DataSource dataSource) {
        this.servers = List.copyOf(servers);
        this.standings = standings;
        this.dataSource = dataSource;
    }

    public CompletableFuture<String> of(String device) {
        if (servers.isEmpty()) {
            return CompletableFuture.failedFuture(new Switchboard.Unavailable("no Asterisk server is configured"));
        }
        String seenOrFirst = standings.of(device).map(AgentStandings.Standing::server).orElse(servers.getFirst());
        if (servers.size() == 1) {
            return CompletableFuture.completedFuture(seenOrFirst);
        }
        return CompletableFuture.supplyAsync(() -> Agents.asteriskServerOf(DSL.using(dataSource, SQLDialect.POSTGRES), device)
                .orElse(seenOrFirst), work -> Thread.ofVirtual().start(work));
    }
}
