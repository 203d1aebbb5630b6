package org.hotline.server.cluster;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.vertx.core.json.JsonObject;
import org.hotline.bridge.agents.AgentTracker;
import org.hotline.events.AgentState;
import org.hotline.server.store.LiveStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every agent's standing (state, pause reason, since when, wrap-up's end) as the node that
 * follows their Asterisk server knows it, on every node: the follower keeps them in a Redis hash
 * per server and says each change on a channel; every node keeps a copy, read when it starts
 * and changed by what the channel says. So any node can tell whether an agent is ready (the
 * callback dialer, the console) without following their Asterisk.
 */
public final class AgentStandings {

    /** An agent's standing on the Asterisk server that has their device. */
    public record Standing(String server, AgentState state, String reason, Instant since, Optional<Instant> wrapUpEndsAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(AgentStandings.class);
    private static final String CHANNEL = "hotline:agent-standings";
    private static final String HASH = "hotline:agent-standings:";

    private final LiveStateStore redis;
    private final Map<String, Standing> byDevice = new ConcurrentHashMap<>();

    /** Follows the changes, then reads what the followers of {@code servers} stored. */
    public AgentStandings(LiveStateStore redis, List<String> servers) {
        this.redis = redis;
        var subscription = redis.pubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                heard(message);
            }
        });
        subscription.sync().subscribe(CHANNEL);
        for (String server : servers) {
            redis.connection().sync().hgetall(HASH + server).forEach((device, json) -> read(server, device, json)
                    .ifPresent(standing -> byDevice.putIfAbsent(device, standing)));
        }
    }

    /** The device's standing, as its Asterisk's follower last said (empty: no follower has seen the device). */
    public Optional<Standing> of(String device) {
        return Optional.ofNullable(byDevice.get(device));
    }

    /** The follower of {@code server}: one device's standing changed. */
    public void changed(String server, String device, AgentTracker.Standing standing) {
        String json = json(standing).encode();
        byDevice.put(device, standing(server, standing));
        var commands = redis.connection().async();
        commands.hset(HASH + server, device, json);
        commands.publish(CHANNEL, new JsonObject().put("server", server).put("device", device).put("standing", new JsonObject(json)).encode());
    }

    /** The follower of {@code server}, in sync with it: every standing it knows, in place of what was stored. */
    public void synced(String server, Map<String, AgentTracker.Standing> all) {
        Map<String, String> stored = new HashMap<>();
        JsonObject message = new JsonObject();
        all.forEach((device, standing) -> {
            JsonObject json = json(standing);
            stored.put(device, json.encode());
            message.put(device, json);
            byDevice.put(device, standing(server, standing));
        });
        byDevice.entrySet().removeIf(e -> e.getValue().server().equals(server) && !all.containsKey(e.getKey()));
        var commands = redis.connection().async();
        commands.del(HASH + server);
        if (!stored.isEmpty()) {
            commands.hset(HASH + server, stored);
        }
        commands.publish(CHANNEL, new JsonObject().put("server", server).put("all", message).encode());
    }

    private void heard(String message) {
        try {
            JsonObject json = new JsonObject(message);
            String server = json.getString("server");
            JsonObject all = json.getJsonObject("all");
            if (all != null) {
                byDevice.entrySet().removeIf(e -> e.getValue().server().equals(server) && !all.containsKey(e.getKey()));
                all.forEach(e -> read(server, e.getKey(), ((JsonObject) e.getValue()).encode()).ifPresent(s -> byDevice.put(e.getKey(), s)));
            } else {
                read(server, json.getString("device"), json.getJsonObject("standing").encode())
                        .ifPresent(s -> byDevice.put(json.getString("device"), s));
            }
        } catch (RuntimeException e) {
            log.warn("an agent's standing from another node not read: {}", e.getMessage());
        }
    }

    private static Standing standing(String server, AgentTracker.Standing s) {
        return new Standing(server, s.state(), s.reason(), s.since(), s.wrapUpEndsAt());
    }

    private static JsonObject json(AgentTracker.Standing s) {
        JsonObject json = new JsonObject().put("state", s.state().wireName()).put("reason", s.reason()).put("since", s.since().toString());
        s.wrapUpEndsAt().ifPresent(ends -> json.put("wrapUpEndsAt", ends.toString()));
        return json;
    }

    private static Optional<Standing> read(String server, String device, String text) {
        try {
            JsonObject json = new JsonObject(text);
            return Optional.of(new Standing(server, AgentState.ofWireName(json.getString("state")), json.getString("reason", ""),
                    Instant.parse(json.getString("since")), Optional.ofNullable(json.getString("wrapUpEndsAt")).map(Instant::parse)));
        } catch (RuntimeException e) {
            log.warn("Asterisk {}: the standing of {} not read: {}", server, device, e.getMessage());
            return Optional.empty();
        }
    }
}
