package org.hotline.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every event through the envelope and back, and what the envelope looks like on the wire. */
class EventCodecTest {

    private static final Instant AT = Instant.parse("2026-12-01T08:00:00.123Z");
    private static final Map<String, String> VARS = Map.of("HOTLINE_RECORD_ID", "42");

    static final List<CallEvent> ONE_OF_EACH = List.of(
            new CallEvent.Offered("pbx-a", "1.1", AT),
            new CallEvent.IvrEntered("pbx-a", "1.1", AT, "13800138000", "Zhang San"),
            new CallEvent.IvrLeft("pbx-a", "1.1", AT, "service"),
            new CallEvent.QueueJoined("pbx-a", "1.1", AT, "service", 2, "13800138000", "Zhang San", VARS),
            new CallEvent.QueueTakenOver("pbx-a", "1.1", AT, "service", 1, "13800138000", "", 12.5, AT.minusSeconds(12),
                    AT.minusSeconds(40), VARS),
            new CallEvent.AgentRinging("pbx-a", "1.1", AT, "PJSIP/1001", "李雷", "service", "13800138000", "Zhang San",
                    "PJSIP/1001-00000001", VARS),
            new CallEvent.AgentRingNoAnswer("pbx-a", "1.1", AT, "PJSIP/1001", "李雷", 15000),
            new CallEvent.Answered("pbx-a", "1.1", AT, "PJSIP/1001", "李雷", "service", 3, 2, 3.25),
            new CallEvent.Abandoned("pbx-a", "1.1", AT, "service", 5, 1, 5.5),
            new CallEvent.AgentCompleted("pbx-a", "1.1", AT, "PJSIP/1001", "李雷", 120, 3, "agent"),
            new CallEvent.Transferred("pbx-a", "1.1", AT, "blind", "technical-desk", "hotline-transfer", "Success"),
            new CallEvent.Ended("pbx-a", "1.1", AT, CallOutcome.CALLBACK_REQUESTED, CallDirection.INBOUND, 16, "Normal Clearing",
                    "13800138000", "", VARS, "1.2", null, null, 0.0, null),
            new CallEvent.Ended("pbx-a", "1.3", AT, CallOutcome.ANSWERED, CallDirection.CALLBACK, 16, "Normal Clearing",
                    "13800138000", "", Map.of(), null, AT.minusSeconds(30), 30.0, 0.0, null));

    @Test
    void everyCallEventComesBackAsItWent() {
        Set<Class<?>> kinds = Set.copyOf(ONE_OF_EACH.stream().map(Object::getClass).toList());
        assertThat(kinds).as("one of each kind of call event").containsExactlyInAnyOrderElementsOf(
                Arrays.asList(CallEvent.class.getPermittedSubclasses()));
        for (CallEvent event : ONE_OF_EACH) {
            assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void theEnvelopeNamesTheKindAndVersionAndHoldsTheRestInItsPayload() throws Exception {
        JsonNode json = new ObjectMapper().readTree(EventCodec.encode(ONE_OF_EACH.get(4)));
        assertThat(json.path("type").asText()).isEqualTo("call.queue_taken_over");
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("server").asText()).isEqualTo("pbx-a");
        assertThat(json.path("linkedid").asText()).isEqualTo("1.1");
        assertThat(json.path("occurredAt").asText()).isEqualTo("2026-12-01T08:00:00.123Z");
        assertThat(json.path("payload").path("queuedAt").asText()).isEqualTo("2026-12-01T07:59:48.123Z");
        assertThat(json.path("payload").path("variables").path("HOTLINE_RECORD_ID").asText()).isEqualTo("42");
        assertThat(json.path("payload").has("server")).isFalse();

        JsonNode ended = new ObjectMapper().readTree(EventCodec.encode(ONE_OF_EACH.get(11)));
        assertThat(ended.path("payload").path("outcome").asText()).isEqualTo("callback_requested");
        assertThat(ended.path("payload").has("connectedAt")).as("absent, not null").isFalse();
    }

    @Test
    void agentAndDeskEventsComeBackToo() {
        var change = new AgentStateChanged("pbx-a", "PJSIP/1001", "李雷", AgentState.TALKING, AgentState.WRAP_UP, PauseReasons.WRAP_UP,
                Set.of("service", "complaint"), AT);
        assertThat(EventCodec.decode(EventCodec.encode(change))).isEqualTo(change);
        assertThat(EventCodec.encode(change)).contains("\"type\":\"agent.state_changed\"").contains("\"to\":\"wrap_up\"");

        var due = DeskEvent.of(DeskEventType.CALLBACK_DUE, "callback", 7, AT, Map.of("dueAt", AT.toString(), "attempt", 1));
        assertThat(EventCodec.decode(EventCodec.encode(due))).isEqualTo(due);
        assertThat(EventCodec.encode(due)).contains("\"type\":\"callback.due\"");
        var step = DeskEvent.recordStep("customer_contacted", 9, AT, Map.of("number", "R-1"));
        assertThat(EventCodec.decode(EventCodec.encode(step))).isEqualTo(step);
        assertThat(step.name()).isEqualTo("record.customer_contacted");
        assertThat(DeskEventType.CALLBACK_RETRY_SCHEDULED.wireName()).isEqualTo("callback.retry_scheduled");
        assertThat(DeskEventType.ofWireName("sla.at_risk")).isEqualTo(DeskEventType.SLA_AT_RISK);
    }

    @Test
    void whatThisNodeCannotReadIsRefusedWithWhy() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call.teleported\",\"version\":1}"))
                .isInstanceOf(EventCodec.Unreadable.class).hasMessageContaining("call.teleported");
        assertThatThrownBy(() -> EventCodec.decode(EventCodec.encode(ONE_OF_EACH.get(0)).replace("\"version\":1", "\"version\":2")))
                .isInstanceOf(EventCodec.Unreadable.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call.answered\",\"version\":1,\"payload\":{}}"))
                .isInstanceOf(EventCodec.Unreadable.class);
        assertThatThrownBy(() -> EventCodec.decode("not json")).isInstanceOf(EventCodec.Unreadable.class);
    }
}
