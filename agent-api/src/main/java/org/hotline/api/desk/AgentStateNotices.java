package org.hotline.api.desk;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hotline.api.sockets.AgentMessages;
import org.hotline.events.AgentState;
import org.hotline.events.AgentStateChanged;
import org.hotline.events.HotlineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Each change of an agent's state, as the PBX reports it, pushed to that agent's console as an
 * {@code agent_state} message: the state, the pause reason, since when, and for a wrap-up when it
 * ends by itself, so the console can show ringing, a talk timer and a wrap-up countdown without
 * asking. Follows the agent events of the Asterisk servers this node follows (each change told
 * once), to the agent's sockets on any node.
 */
public final class AgentStateNotices {

    private static final Logger log = LoggerFactory.getLogger(AgentStateNotices.class);

    private final Vertx vertx;
    private final DeviceAgents devices;
    private final AgentMessages messages;
    private final Duration wrapUp;

    /** {@code wrapUp}: the after-call work time the bridge gives (zero: none). */
    public AgentStateNotices(Vertx vertx, DeviceAgents devices, AgentMessages messages, Duration wrapUp) {
        this.vertx = vertx;
        this.devices = devices;
        this.messages = messages;
        this.wrapUp = wrapUp;
    }

    /** Follows the agent events published at {@code agentsAddress} on this node. */
    public AgentStateNotices listen(String agentsAddress) {
        vertx.eventBus().<HotlineEvent>localConsumer(agentsAddress, message -> {
            if (message.body() instanceof AgentStateChanged change) {
                tell(change);
            }
        });
        return this;
    }

    /** The message an agent's console gets for {@code change}. */
    static JsonObject notice(AgentStateChanged change, Duration wrapUp) {
        JsonObject notice = new JsonObject().put("state", change.to().wireName()).put("from", change.from().wireName())
                .put("reason", change.reason()).put("since", change.at().toString())
                .put("queues", new JsonArray(change.queues().stream().sorted().toList()));
        // the bridge's own wrap-up ends by itself; one the agent asked for lasts until they are ready
        if (change.to() == AgentState.WRAP_UP && !wrapUp.isZero() && change.from() == AgentState.TALKING) {
            notice.put("wrapUpEndsAt", change.at().plus(wrapUp).toString());
        }
        return notice;
    }

    private void tell(AgentStateChanged change) {
        String device = change.agentInterface();
        devices.agentOf(device).onSuccess(id -> id.ifPresent(agentId -> messages.deliver(agentId, "agent_state", notice(change, wrapUp))))
                .onFailure(e -> log.warn("state change of {} not told to its agent: {}", device, e.toString()));
    }
}
