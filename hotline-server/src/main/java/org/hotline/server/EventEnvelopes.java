package org.hotline.server;

import io.vertx.core.json.JsonObject;
import org.hotline.desk.events.DomainEvent;

/** A domain event as the versioned JSON envelope that crosses the event bus. */
final class EventEnvelopes {

    private EventEnvelopes() {
    }

    /** A call event: {@code type} is {@code call.} and the event's kind in lower case, e.g. {@code call.agent_ringing}. */
    static JsonObject toJson(org.hotline.bridge.calls.CallEvent event) {
        return new JsonObject()
                .put("type", "call." + event.type().name().toLowerCase(java.util.Locale.ROOT))
                .put("version", event.version())
                .put("server", event.server())
                .put("linkedid", event.linkedid())
                .put("occurredAt", event.at().toString())
                .put("payload", new JsonObject(event.details()));
    }

    /** An agent's change of state: {@code agent.state_changed}. */
    static JsonObject toJson(org.hotline.bridge.agents.AgentStateChange change) {
        return new JsonObject()
                .put("type", "agent.state_changed")
                .put("version", 1)
                .put("server", change.server())
                .put("occurredAt", change.at().toString())
                .put("payload", new JsonObject()
                        .put("agentInterface", change.agentInterface())
                        .put("memberName", change.memberName())
                        .put("from", change.from().name().toLowerCase(java.util.Locale.ROOT))
                        .put("to", change.to().name().toLowerCase(java.util.Locale.ROOT))
                        .put("reason", change.reason())
                        .put("queues", new io.vertx.core.json.JsonArray(java.util.List.copyOf(change.queues()))));
    }

    static JsonObject toJson(DomainEvent event) {
        return new JsonObject()
                .put("id", event.id().toString())
                .put("type", event.type())
                .put("version", event.version())
                .put("aggregateType", event.aggregateType())
                .put("aggregateId", event.aggregateId())
                .put("occurredAt", event.occurredAt().toString())
                .put("payload", new JsonObject(event.payload()));
    }
}
