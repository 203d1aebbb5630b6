package org.hotline.server;

import io.vertx.core.json.JsonObject;
import org.hotline.desk.events.DomainEvent;

/** A domain event as the versioned JSON envelope that crosses the event bus. */
final class EventEnvelopes {

    private EventEnvelopes() {
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
