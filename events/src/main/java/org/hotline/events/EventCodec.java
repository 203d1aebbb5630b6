package org.hotline.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one versioned envelope every event crosses a module or a node in (the Vert.x event bus,
 * Redis pub/sub, the pages' sockets):
 * <pre>{"type": "call.agent_ringing", "version": 1, "server": "pbx-a", "linkedid": "1795357008.30",
 *  "occurredAt": "2026-12-01T08:00:00Z", "payload": {...}}</pre>
 * Desk events carry {@code id}, {@code aggregateType} and {@code aggregateId} instead of server and
 * linkedid. A type this codec does not know, or a newer version, is {@link Unreadable}.
 */
public final class EventCodec {

    /** The newest envelope version this codec reads and the one it writes. */
    public static final int VERSION = 1;
    public static final String AGENT_STATE_CHANGED = "agent.state_changed";

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();
    private static final Set<String> ENVELOPE = Set.of("server", "linkedid", "at");
    private static final Map<String, Class<? extends CallEvent>> CALLS = new LinkedHashMap<>();

    static {
        for (Class<?> type : CallEvent.class.getPermittedSubclasses()) {
            CALLS.put(typeName(type.asSubclass(CallEvent.class)), type.asSubclass(CallEvent.class));
        }
    }

    private EventCodec() {
    }

    /** A call event's wire type: {@code call.} and its record's name in snake case ({@code call.queue_taken_over}). */
    public static String typeName(Class<? extends CallEvent> type) {
        return "call." + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The wire type of any event. */
    public static String typeName(HotlineEvent event) {
        return switch (event) {
            case CallEvent call -> typeName(call.getClass());
            case AgentStateChanged change -> AGENT_STATE_CHANGED;
            case DeskEvent desk -> desk.name();
        };
    }

    public static String encode(HotlineEvent event) {
        return toTree(event).toString();
    }

    /** The envelope as a JSON tree. */
    public static ObjectNode toTree(HotlineEvent event) {
        ObjectNode envelope = JSON.createObjectNode();
        ObjectNode payload = JSON.valueToTree(event);
        switch (event) {
            case DeskEvent desk -> {
                envelope.put("id", desk.id().toString()).put("type", desk.name()).put("version", desk.version())
                        .put("aggregateType", desk.aggregateType()).put("aggregateId", desk.aggregateId())
                        .put("occurredAt", desk.at().toString());
                envelope.set("payload", JSON.valueToTree(desk.payload()));
                return envelope;
            }
            case CallEvent call -> envelope.put("type", typeName(event)).put("version", VERSION).put("server", call.server())
                    .put("linkedid", call.linkedid());
            case AgentStateChanged change -> envelope.put("type", AGENT_STATE_CHANGED).put("version", VERSION)
                    .put("server", change.server());
        }
        envelope.put("occurredAt", event.at().toString());
        payload.remove(ENVELOPE);
        envelope.set("payload", payload);
        return envelope;
    }

    public static HotlineEvent decode(String json) {
        try {
            return fromTree(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new Unreadable("not JSON: " + e.getOriginalMessage());
        }
    }

    public static HotlineEvent fromTree(JsonNode envelope) {
        if (envelope == null || !envelope.isObject()) {
            throw new Unreadable("an event envelope is a JSON object");
        }
        String type = envelope.path("type").asText("");
        int version = envelope.path("version").asInt(0);
        if (version < 1 || version > VERSION) {
            throw new Unreadable(type + " version " + version + " (this node reads up to " + VERSION + ")");
        }
        try {
            if (type.equals(AGENT_STATE_CHANGED) || CALLS.containsKey(type)) {
                ObjectNode fields = envelope.path("payload").isObject() ? ((ObjectNode) envelope.get("payload")).deepCopy()
                        : JSON.createObjectNode();
                fields.set("server", envelope.path("server"));
                fields.set("at", envelope.path("occurredAt"));
                if (!type.equals(AGENT_STATE_CHANGED)) {
                    fields.set("linkedid", envelope.path("linkedid"));
                    return JSON.treeToValue(fields, CALLS.get(type));
                }
                return JSON.treeToValue(fields, AgentStateChanged.class);
            }
            DeskEventType kind = DeskEventType.ofWireName(type);
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = JSON.treeToValue(envelope.path("payload"), Map.class);
            return new DeskEvent(java.util.UUID.fromString(envelope.path("id").asText()), kind, type, version,
                    envelope.path("aggregateType").asText(), envelope.path("aggregateId").asLong(),
                    java.time.Instant.parse(envelope.path("occurredAt").asText()), payload == null ? Map.of() : payload);
        } catch (JsonProcessingException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new Unreadable(type + ": " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    /** An envelope this node cannot read: not one, of an unknown type, a newer version, or fields missing. */
    public static final class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message);
        }
    }
}
