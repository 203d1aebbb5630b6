package org.hotline.api.escalations;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hotline.api.sockets.AgentMessages;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.escalations.EscalationLevel;
import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.hotline.events.HotlineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Escalations pushed to the people who handle them: each escalation raised (or climbed), acknowledged
 * or resolved is an {@code escalation} message on the agent socket of every active user its level
 * tells ({@link EscalationLevel#toldRoles()}: supervisors and managers, or managers), on whichever
 * node they are signed in, kept for a reconnect like every message. Follows the desk events this
 * node relays, so each is told once.
 */
public final class EscalationNotices {

    private static final Logger log = LoggerFactory.getLogger(EscalationNotices.class);
    private static final Map<DeskEventType, String> CHANGES = Map.of(DeskEventType.RECORD_ESCALATED, "raised",
            DeskEventType.ESCALATION_ACKNOWLEDGED, "acknowledged", DeskEventType.ESCALATION_RESOLVED, "resolved");

    private final Vertx vertx;
    private final ServiceDesk desk;
    private final AgentMessages messages;

    public EscalationNotices(Vertx vertx, ServiceDesk desk, AgentMessages messages) {
        this.vertx = vertx;
        this.desk = desk;
        this.messages = messages;
    }

    /** Follows the desk events published at {@code eventsAddress} on this node. */
    public void listen(String eventsAddress) {
        vertx.eventBus().<HotlineEvent>localConsumer(eventsAddress, message -> {
            if (message.body() instanceof DeskEvent event && CHANGES.containsKey(event.type())) {
                tell(event);
            }
        });
    }

    private void tell(DeskEvent event) {
        Map<String, Object> payload = event.payload();
        EscalationLevel level = EscalationLevel.ofDbName(String.valueOf(payload.get("level")));
        JsonObject notice = new JsonObject(new java.util.HashMap<>(payload)).put("change", CHANGES.get(event.type()))
                .put("recordId", event.aggregateId()).put("at", event.at().toString());
        if (payload.containsKey("climbedFrom")) {
            notice.put("change", "climbed");
        }
        vertx.executeBlocking(() -> desk.toldOfEscalations(level), false)
                .onSuccess(told -> told.forEach(user -> messages.deliver(user, "escalation", notice)))
                .onFailure(e -> log.warn("escalation {} not told: {}", payload.get("escalationId"), e.toString()));
    }
}
