package org.hotline.server.cluster;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.hotline.api.sockets.AgentMessages;
import org.hotline.server.store.LiveStateStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Agents' messages shared by every node through Redis: the number from {@code INCR} on the
 * agent's counter, the last {@code kept} in a list per agent (so a client may resume on any node),
 * and the message itself published to every node, each handing it to the agent's sockets it has.
 * The node that numbered a message hands it to its own sockets as soon as Redis gives the number,
 * not when its own publication comes back to it (a Redis round trip and a thread fewer on every
 * screen pop): its publication names it, and it skips its own.
 *
 * <p>A Redis that lost its data (restarted without persistence) must not make a reconnecting
 * client believe it missed nothing: a counter made anew starts from the clock (milliseconds
 * times a thousand, above any number given before), so the numbers only go up and the client
 * that resumes is told of a gap; a client that asks after a number above the counter (the
 * counter went back) is told of one too. Messages Redis could not take (it was away) are lost:
 * when it is back their numbers are skipped and the agent's sockets are told {@code gap}, so
 * that neither a live console nor one resuming later believes it missed nothing.
 */
public final class RedisAgentMessages implements AgentMessages {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RedisAgentMessages.class);

    private static final String CHANNEL = "hotline:agent-messages";
    /** The next number: INCR, or, for a counter made anew (a new agent, or a Redis that lost it), the clock's floor. */
    private static final String NEXT = "local n = redis.call('INCR', KEYS[1]) "
            + "if n == 1 then n = tonumber(ARGV[1]) redis.call('SET', KEYS[1], n) redis.call('SET', KEYS[2], n) end return n";

    /** This node, in the publications of the messages it numbered and handed to its own sockets already. */
    private final String node = java.util.UUID.randomUUID().toString();
    private final LiveStateStore redis;
    private final int kept;
    private final Map<Long, List<Consumer<String>>> sockets = new ConcurrentHashMap<>();
    /** Messages not delivered because Redis could not be reached, by agent: their numbers are skipped when it is back. */
    private final Map<Long, Integer> lost = new ConcurrentHashMap<>();

    public RedisAgentMessages(LiveStateStore redis, int kept) {
        this.redis = redis;
        this.kept = kept;
        var subscription = redis.pubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String envelope) {
                // "<agent id>[ <node that handed it out already>]\n<the message's JSON>": routed by the id, the JSON passed on as it came
                int line = envelope.indexOf('\n');
                int space = envelope.indexOf(' ');
                boolean fromANode = space >= 0 && space < line;
                long agentId;
                try {
                    agentId = Long.parseLong(envelope, 0, fromANode ? space : Math.max(line, 0), 10);
                } catch (NumberFormatException e) {
                    log.warn("a message for an agent not read: no agent id before its first line");
                    return;
                }
                if (fromANode && envelope.startsWith(node, space + 1) && space + 1 + node.length() == line) {
                    return; // this node's own: its sockets have it
                }
                handOut(agentId, envelope.substring(line + 1));
            }
        });
        subscription.sync().subscribe(CHANNEL);
        redis.onReconnected(this::redisBack); // when every node's subscription (this one's too) is back, to hear the gap
    }

    /** How many messages wait for Redis to be back to be told as lost. */
    int undelivered() {
        return lost.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Redis is back: the messages it could not take are gone; their numbers are skipped, so that a
     * client resuming is told of a gap, and the sockets of those agents are told at once.
     */
    void redisBack() {
        var commands = redis.connection().async();
        for (Long agentId : List.copyOf(lost.keySet())) {
            Integer count = lost.remove(agentId);
            if (count == null) {
                continue;
            }
            commands.incrby(counter(agentId), count).thenAccept(latest -> commands.publish(CHANNEL, agentId + "\n"
                    + new JsonObject().put("type", "gap").put("latest", latest).encode())).exceptionally(e -> {
                        lost.merge(agentId, count, Integer::sum); // Redis gone again: next time
                        return null;
                    });
        }
    }

    @Override
    public void deliver(long agentId, String type, JsonObject payload) {
        var commands = redis.connection().async();
        commands.<Long>eval(NEXT, io.lettuce.core.ScriptOutputType.INTEGER, new String[] {counter(agentId), first(agentId)},
                String.valueOf(System.currentTimeMillis() * 1000)).thenAccept(seq -> {
            JsonObject message = new JsonObject().put("seq", seq).put("type", type).put("payload", payload);
            String text = message.encode();
            commands.lpush(recent(agentId), text);
            commands.ltrim(recent(agentId), 0, kept - 1);
            commands.publish(CHANNEL, agentId + " " + node + "\n" + text);
            handOut(agentId, text); // in the order of the numbers: Redis answers one connection's commands in order
        }).exceptionally(e -> {
            log.warn("a {} message for agent {} not delivered: {}", type, agentId, e.toString());
            lost.merge(agentId, 1, Integer::sum);
            return null;
        });
    }

    @Override
    public Future<Missed> since(long agentId, long seq) {
        var commands = redis.connection().async();
        var firstNumber = commands.get(first(agentId));
        return Future.fromCompletionStage(commands.lrange(recent(agentId), 0, kept - 1)).compose(texts -> Future.fromCompletionStage(
                firstNumber).map(base -> {
            List<JsonObject> all = new ArrayList<>(texts.stream().map(JsonObject::new).toList());
            all.sort(Comparator.comparingLong(m -> m.getLong("seq")));
            long latest = all.isEmpty() ? 0 : all.getLast().getLong("seq");
            long oldest = all.isEmpty() ? latest + 1 : all.getFirst().getLong("seq");
            // a client that has seen nothing (0) asks from the start of the numbering
            long from = seq == 0 && base != null ? Long.parseLong(base) - 1 : seq;
            List<JsonObject> after = all.stream().filter(m -> m.getLong("seq") > from).toList();
            // some were dropped (older than the kept ones), or the numbering began again (a Redis that lost its data)
            boolean gap = (from + 1 < oldest && from < latest) || seq > latest || (base != null && seq != 0 && seq < Long.parseLong(base) - 1)
                    || (!after.isEmpty() && after.getFirst().getLong("seq") != from + 1); // numbers skipped: messages Redis could not take
            return new Missed(after, gap, latest);
        }));
    }

    @Override
    public Future<Long> latest(long agentId) {
        return Future.fromCompletionStage(redis.connection().async().get(counter(agentId)))
                .map(value -> value == null ? 0L : Long.parseLong(value));
    }

    @Override
    public Runnable subscribe(long agentId, Consumer<String> socket) {
        List<Consumer<String>> list = sockets.computeIfAbsent(agentId, id -> new CopyOnWriteArrayList<>());
        list.add(socket);
        return () -> list.remove(socket);
    }

    /** To this node's sockets of the agent. */
    private void handOut(long agentId, String text) {
        sockets.getOrDefault(agentId, List.of()).forEach(socket -> socket.accept(text));
    }

    private static String counter(long agentId) {
        return "hotline:agent:" + agentId + ":seq";
    }

    /** The first number of the agent's numbering as it stands (the counter made anew). */
    private static String first(long agentId) {
        return "hotline:agent:" + agentId + ":first";
    }

    private static String recent(long agentId) {
        return "hotline:agent:" + agentId + ":recent";
    }
}
