package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.bridge.calls.CallEvent;
import org.hotline.bridge.calls.CallTracker;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.bridge.calls.CallEvent.Type.ABANDONED;
import static org.hotline.bridge.calls.CallEvent.Type.AGENT_COMPLETED;
import static org.hotline.bridge.calls.CallEvent.Type.AGENT_RINGING;
import static org.hotline.bridge.calls.CallEvent.Type.AGENT_RING_NO_ANSWER;
import static org.hotline.bridge.calls.CallEvent.Type.ANSWERED;
import static org.hotline.bridge.calls.CallEvent.Type.ENDED;
import static org.hotline.bridge.calls.CallEvent.Type.OFFERED;
import static org.hotline.bridge.calls.CallEvent.Type.QUEUE_JOINED;

/** Every recorded call, through pbx-sim, the AMI client over TCP and the tracker. */
class CallTrackerTest {

    @Test
    void anAnsweredQueueCall() throws Exception {
        List<CallEvent> events = overTcp("01-queue-answered");
        assertThat(types(events)).containsExactly(OFFERED, QUEUE_JOINED, AGENT_RINGING, ANSWERED, AGENT_COMPLETED, ENDED);
        assertThat(only(events, QUEUE_JOINED).details()).containsEntry("queue", "service")
                .containsEntry("callerNumber", "13800138000").containsEntry("callerName", "Zhang San");
        assertThat(only(events, AGENT_RINGING).details()).containsEntry("memberName", "Agent 1001")
                .containsEntry("agentInterface", "Local/1001@agents/n");
        assertThat(only(events, AGENT_COMPLETED).details()).containsEntry("talkSeconds", 4).containsEntry("reason", "agent");
        assertThat(only(events, ENDED).details()).containsEntry("outcome", "answered").containsEntry("queue", "service");
        assertThat(events).allSatisfy(e -> assertThat(e.linkedid()).isEqualTo("1795357008.30"));
    }

    @Test
    void anAbandonedCall() throws Exception {
        List<CallEvent> events = overTcp("02-queue-abandoned");
        assertThat(types(events)).containsExactly(OFFERED, QUEUE_JOINED, ABANDONED, ENDED);
        assertThat(only(events, ABANDONED).details()).containsEntry("holdSeconds", 5).containsEntry("position", 1);
        assertThat(only(events, ENDED).details()).containsEntry("outcome", "abandoned").containsEntry("callerNumber", "13900139000");
    }

    @Test
    void aRingNoAnswerGoesOnToTheNextRing() throws Exception {
        List<CallEvent> events = overTcp("03-ring-no-answer-then-answered");
        assertThat(types(events)).containsExactly(OFFERED, QUEUE_JOINED, AGENT_RINGING, AGENT_RING_NO_ANSWER, AGENT_RINGING);
        assertThat(only(events, AGENT_RING_NO_ANSWER).details()).containsEntry("ringMillis", 15000)
                .containsEntry("memberName", "Agent 2001");
    }

    @Test
    void aCallThatWaitsForAPausedAgentToComeBack() throws Exception {
        List<CallEvent> events = overTcp("05-pause-status-queries");
        assertThat(types(events)).containsSubsequence(QUEUE_JOINED, AGENT_RINGING, ANSWERED, ENDED);
        assertThat(events.stream().filter(e -> e.type() == ENDED).toList()).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("outcome", "answered").containsEntry("callerNumber", "13600136000"));
    }

    @Test
    void aCallbackCallConnectsTheAgentAndTheCustomer() throws Exception {
        List<CallEvent> events = overTcp("04-callback-originate");
        assertThat(types(events)).containsExactly(OFFERED, ENDED);
        assertThat(only(events, ENDED).details()).containsEntry("outcome", "answered");
    }

    @Test
    void anIvrCallThatQueuesAndAHangupDuringTheIvr() throws Exception {
        assertThat(types(overTcp("06-ivr-then-queue"))).containsExactly(OFFERED, CallEvent.Type.IVR_ENTERED, CallEvent.Type.IVR_LEFT, QUEUE_JOINED,
                AGENT_RINGING, ANSWERED, AGENT_COMPLETED, ENDED);
        List<CallEvent> hungUp = overTcp("07-hangup-during-ivr");
        assertThat(types(hungUp)).containsExactly(OFFERED, CallEvent.Type.IVR_ENTERED, ENDED);
        assertThat(only(hungUp, ENDED).details()).containsEntry("outcome", "ivr_hangup").containsEntry("callerNumber", "13500135000");
    }

    @Test
    void eventsReorderedNearbyGiveTheSameOutcome() {
        AmiTrace trace = AmiTrace.load("asterisk-traces/01-queue-answered.ami");
        List<AmiMessage> recorded = Frames.messages(trace.events());
        for (int seed = 0; seed < 50; seed++) {
            // each run of 5 events in a random order: what async delivery and buffering do to a stream
            List<AmiMessage> shuffled = new ArrayList<>();
            Random random = new Random(seed);
            for (int at = 0; at < recorded.size(); at += 5) {
                List<AmiMessage> block = new ArrayList<>(recorded.subList(at, Math.min(recorded.size(), at + 5)));
                Collections.shuffle(block, random);
                shuffled.addAll(block);
            }
            List<CallEvent> events = new ArrayList<>();
            CallTracker tracker = new CallTracker("pbx-a", Clock.systemUTC(), events::add);
            shuffled.forEach(tracker::on);
            tracker.sweep();
            assertThat(types(events)).as("seed %d", seed).containsExactlyInAnyOrder(OFFERED, QUEUE_JOINED, AGENT_RINGING, ANSWERED,
                    AGENT_COMPLETED, ENDED);
            assertThat(events.stream().filter(e -> e.type() == ENDED)).hasSize(1);
        }
    }

    @Test
    void holdAndTransferDuringTheConversationAreCounted() {
        List<CallEvent> events = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-11-23T02:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        CallTracker tracker = new CallTracker("pbx-a", clock, events::add);
        for (AmiMessage e : Frames.messages(AmiTrace.load("asterisk-traces/01-queue-answered.ami").events())) {
            if (e.getOrEmpty("Event").equals("AgentComplete")) {
                tracker.on(AmiMessage.event("MusicOnHoldStart").add("Privilege", "call,all").add("Uniqueid", "1795357008.31")
                        .add("Linkedid", "1795357008.30").add("Class", "default").build());
                now.set(now.get().plusSeconds(25));
                tracker.on(AmiMessage.event("MusicOnHoldStop").add("Privilege", "call,all").add("Uniqueid", "1795357008.31")
                        .add("Linkedid", "1795357008.30").build());
                tracker.on(AmiMessage.event("BlindTransfer").add("Privilege", "call,all").add("Result", "Success")
                        .add("TransfererUniqueid", "1795357009.32").add("TransfererLinkedid", "1795357008.30")
                        .add("Extension", "2001").add("Context", "agents").build());
            }
            tracker.on(e);
        }
        assertThat(types(events)).contains(CallEvent.Type.TRANSFERRED);
        assertThat(only(events, CallEvent.Type.TRANSFERRED).details()).containsEntry("kind", "blind").containsEntry("extension", "2001");
        assertThat(only(events, ENDED).details()).containsEntry("onHoldSeconds", 25.0).containsEntry("transferredTo", "2001")
                .containsEntry("outcome", "answered");
    }

    @Test
    void aHangupBeforeAgentCompleteWaitsForIt() {
        List<CallEvent> events = new ArrayList<>();
        CallTracker tracker = new CallTracker("pbx-a", Clock.systemUTC(), events::add);
        List<AmiMessage> recorded = Frames.messages(AmiTrace.load("asterisk-traces/01-queue-answered.ami").events());
        AmiMessage complete = recorded.stream().filter(e -> e.eventName().orElse("").equals("AgentComplete")).findFirst().orElseThrow();
        recorded.stream().filter(e -> e != complete).forEach(tracker::on);
        assertThat(types(events)).doesNotContain(ENDED);
        tracker.on(complete);
        assertThat(types(events)).endsWith(AGENT_COMPLETED, ENDED);
        assertThat(tracker.activeCalls()).isZero();
    }

    private static List<CallEvent> overTcp(String trace) throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        CallTracker tracker = new CallTracker("pbx-a", Clock.systemUTC(), events::add);
        TraceReplay.overTcp(trace, tracker::on);
        return events;
    }

    private static List<CallEvent.Type> types(List<CallEvent> events) {
        return events.stream().map(CallEvent::type).toList();
    }

    private static CallEvent only(List<CallEvent> events, CallEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).reduce((a, b) -> {
            throw new AssertionError("more than one " + type);
        }).orElseThrow(() -> new AssertionError("no " + type));
    }
}
