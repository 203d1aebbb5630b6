package org.hotline.api.sockets;

import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What each agent is sent, numbered per agent ({@code seq} 1, 2, 3, ...), the last
 * {@code kept} kept so a client that reconnects can ask for what it missed. Delivered to every
 * socket the agent has open on this node. (One node's memory for now: the Redis fan-out between
 * nodes is still to come.)
 */
public final class AgentInbox {

    private final int kept;
    private final Map<Long, Box> boxes = new ConcurrentHashMap<>();

    public AgentInbox(int kept) {
        this.kept = kept;
    }

    private final class Box {
        long seq;
        final Deque<JsonObject> recent = new ArrayDeque<>();
        final List<Consumer<JsonObject>> sockets = new CopyOnWriteArrayList<>();
    }

    /** Numbers the message and hands it to the agent's open sockets; returns its sequence number. */
    public long deliver(long agentId, String type, JsonObject payload) {
        Box box = boxes.computeIfAbsent(agentId, id -> new Box());
        JsonObject message;
        synchronized (box) {
            message = new JsonObject().put("seq", ++box.seq).put("type", type).put("payload", payload);
            box.recent.addLast(message);
            while (box.recent.size() > kept) {
                box.recent.removeFirst();
            }
        }
        box.sockets.forEach(socket -> socket.accept(message));
        return message.getLong("seq");
    }

    /** The messages after {@code seq} still kept, oldest first, and whether any between were lost. */
    public Missed since(long agentId, long seq) {
        Box box = boxes.computeIfAbsent(agentId, id -> new Box());
        synchronized (box) {
            List<JsonObject> after = new ArrayList<>(box.recent.stream().filter(m -> m.getLong("seq") > seq).toList());
            long oldestKept = box.recent.isEmpty() ? box.seq + 1 : box.recent.getFirst().getLong("seq");
            return new Missed(after, seq + 1 < oldestKept && seq < box.seq, box.seq);
        }
    }

    /** What a reconnecting client missed; {@code gap}: some were too old to be kept (reload the screen). */
    public record Missed(List<JsonObject> messages, boolean gap, long latest) {
    }

    public Runnable subscribe(long agentId, Consumer<JsonObject> socket) {
        Box box = boxes.computeIfAbsent(agentId, id -> new Box());
        box.sockets.add(socket);
        return () -> box.sockets.remove(socket);
    }

    public long latest(long agentId) {
        Box box = boxes.computeIfAbsent(agentId, id -> new Box());
        synchronized (box) {
            return box.seq;
        }
    }
}
