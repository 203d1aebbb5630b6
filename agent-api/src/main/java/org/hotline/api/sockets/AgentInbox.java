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

/** {@link AgentMessages} in one node's memory: the last {@code kept} per agent, for a single server and tests. */
public final class AgentInbox implements AgentMessages {

    private final int kept;
    private final Map<Long, Box> boxes = new ConcurrentHashMap<>();

    public AgentInbox(int kept) {
        this.kept = kept;
    }

    private final class Box {
        long seq;
        final Deque<JsonObject> recent = new ArrayDeque<>();
        final List<Consumer<String>> sockets = new CopyOnWriteArrayList<>();
    }

    @Override
    public void deliver(long agentId, String type, JsonObject payload) {
        Box box = boxes.computeIfAbsent(agentId, id -> new Box());
        JsonObject message;
        synchronized (box) {
            message = new JsonObject().put("seq", ++box.seq).put("type", type).put("payload", payload);
            box.recent.addLast(message);
            while (box.recent.size() > kept) {
                box.recent.removeFirst();
            }
        }
        String text = message.encode();
        box.sockets.forEach(socket -> socket.accept(text));
    }

    @Override
    public io.vertx.core.Future<Missed> since(long agentId, long seq) {
        Box box = boxes.computeIfAbsent(agentId, id -> new Box());
        synchronized (box) {
            List<JsonObject> after = new ArrayList<>(box.recent.stream().filter(m -> m.getLong("seq") > seq).toList());
            long oldestKept = box.recent.isEmpty() ? box.seq + 1 : box.recent.getFirst().getLong("seq");
            return io.vertx.core.Future.succeededFuture(new Missed(after, seq + 1 < oldestKept && seq < box.seq, box.seq));
        }
    }

    @Override
    public Runnable subscribe(long agentId, Consumer<String> socket) {
        Box box = boxes.computeIfAbsent(agentId, id -> new Box());
        box.sockets.add(socket);
        return () -> box.sockets.remove(socket);
    }

    @Override
    public io.vertx.core.Future<Long> latest(long agentId) {
        Box box = boxes.computeIfAbsent(agentId, id -> new Box());
        synchronized (box) {
            return io.vertx.core.Future.succeededFuture(box.seq);
        }
    }
}
