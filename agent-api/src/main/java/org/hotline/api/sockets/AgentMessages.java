package org.hotline.api.sockets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Consumer;

/**
 * What each agent is sent, numbered per agent ({@code seq} 1, 2, 3, ...) and kept for a while so a
 * client that reconnects, to this node or another, can ask for what it missed. One node keeps
 * them in memory ({@link AgentInbox}); several share them through Redis (the server's
 * implementation), so a message built on one node reaches the agent's socket on any node.
 */
public interface AgentMessages {

    /** Numbers the message, keeps it and hands it to the agent's sockets on every node. */
    void deliver(long agentId, String type, JsonObject payload);

    /** The messages after {@code seq} still kept, oldest first; {@code gap} when some between were no longer kept. */
    Future<Missed> since(long agentId, long seq);

    /** The last number given to this agent's messages. */
    Future<Long> latest(long agentId);

    /**
     * Hands this node's socket every message of the agent from now on, as the JSON text it is sent
     * as (encoded once, however many nodes and sockets it reaches); run the result to stop.
     */
    Runnable subscribe(long agentId, Consumer<String> socket);

    /** What a reconnecting client missed. */
    record Missed(List<JsonObject> messages, boolean gap, long latest) {
    }
}
