package org.hotline.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened in the service desk, about one aggregate (a record, a callback), with
 * a payload of plain values (ids, codes, instants as ISO text). {@code name} is the wire name
 * ({@link DeskEventType#wireName()}, or {@code record.<step>} for a workflow step).
 */
public record DeskEvent(UUID id, DeskEventType type, String name, int version, String aggregateType, long aggregateId,
                        Instant at, Map<String, Object> payload) implements HotlineEvent {

    public DeskEvent {
        payload = Map.copyOf(payload);
        if (DeskEventType.ofWireName(name) != type) {
            throw new IllegalArgumentException("desk event " + name + " is not a " + type);
        }
    }

    public static DeskEvent of(DeskEventType type, String aggregateType, long aggregateId, Instant at, Map<String, Object> payload) {
        return new DeskEvent(UUID.randomUUID(), type, type.wireName(), 1, aggregateType, aggregateId, at, payload);
    }

    /** A record's workflow step ({@code record.customer_contacted}). */
    public static DeskEvent recordStep(String step, long recordId, Instant at, Map<String, Object> payload) {
        return new DeskEvent(UUID.randomUUID(), DeskEventType.RECORD_STEP, "record." + step, 1, "record", recordId, at, payload);
    }

    /** A payload value as text, empty when absent. */
    public String text(String key) {
        Object value = payload.get(key);
        return value == null ? "" : value.toString();
    }

    /** A payload instant (ISO text), if present. */
    public java.util.Optional<Instant> instant(String key) {
        Object value = payload.get(key);
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(Instant.parse(value.toString()));
    }

    /** A payload number, if present. */
    public java.util.Optional<Long> number(String key) {
        return payload.get(key) instanceof Number n ? java.util.Optional.of(n.longValue()) : java.util.Optional.empty();
    }
}
