package org.hotline.desk.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened in the service desk, as other modules see it: a versioned envelope
 * ({@code type}, {@code version}) about one aggregate, with a payload of plain values.
 */
public record DomainEvent(UUID id, String type, int version, String aggregateType, long aggregateId, Instant occurredAt,
                          Map<String, Object> payload) {

    public DomainEvent {
        payload = Map.copyOf(payload);
    }

    public static DomainEvent of(String type, String aggregateType, long aggregateId, Instant occurredAt,
                                 Map<String, Object> payload) {
        return new DomainEvent(UUID.randomUUID(), type, 1, aggregateType, aggregateId, occurredAt, payload);
    }
}
