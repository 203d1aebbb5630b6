package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.events.CallEvent;
import org.hotline.bridge.calls.CallTracker;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Every recorded call, through pbx-sim, the AMI client over TCP and the tracker. */
class CallTrackerTest {

    @Test
    void anAnsweredQueueCall() throws Exception {
        List<CallEvent> events = overTcp("01-queue-answered");
        assertThat(types(events)).containsExactly(CallEvent.Offered.class, CallEvent.QueueJoined.class, CallEvent.AgentRinging.class, CallEvent.Answered.class, CallEvent.AgentCompleted.class, CallEvent.Ended.class);
        assertThat(Payloads.of(only(events, CallEvent.QueueJoined.class))).containsEntry("queue", "service")
                .containsEntry("callerNumber", "13800138000").containsEntry("callerName", "Zhang San");
        assertThat(Payloads.of(only(events, CallEvent.AgentRinging.class))).containsEntry("memberName", "Agent 1001")
                .containsEntry("agentInterface", "Local/1001@agents/n");
        assertThat(Payloads.of(only(events, CallEvent.AgentCompleted.class))).containsEntry("talkSeconds", 4).containsEntry("reason", "agent");
        assertThat(Payloads.of(only(events, CallEvent.Ended.class))).containsEntry("outcome", "answered").containsEntry("queue", "service");
        assertThat(events).allSatisfy(e -> assertThat(e.linkedid()).isEqualTo("1795357008.30"));
    }

    @Test
    void anAbandonedCall() throws Exception {
        List<CallEvent> events = overTcp("02-queue-abandoned");
        assertThat(types(events)).containsExactly(CallEvent.Offered.class, CallEvent.QueueJoined.class, CallEvent.Abandoned.class, CallEvent.Ended.class);
        assertThat(Payloads.of(only(events, CallEvent.Abandoned.class))).containsEntry("holdSeconds", 5).containsEntry("position", 1);
        assertThat(Payloads.of(only(events, CallEvent.Ended.class))).containsEntry("outcome", "abandoned").containsEntry("callerNumber", "13900139000");
    }

    @Test
    void aRingNoAnswerGoesOnToTheNextRing() throws Exception {
        List<CallEvent> events = overTcp("03-ring-no-answer-then-answered");
        assertThat(types(events)).containsExactly(CallEvent.Offered.class, CallEvent.QueueJoined.class, CallEvent.AgentRinging.class, CallEvent.AgentRingNoAnswer.class, CallEvent.AgentRinging.class);
        assertThat(Payloads.of(only(events, CallEvent.AgentRingNoAnswer.class))).containsEntry("ringMillis", 15000)
                .containsEntry("memberName", "Agent 2001");
    }

    @Test
    void aCallThatWaitsForAPausedAgentToComeBack() throws Exception {
        List<CallEvent> events = overTcp("05-pause-status-queries");
        assertThat(types(events)).containsSubsequence(CallEvent.QueueJoined.class, CallEvent.AgentRinging.class, CallEvent.Answered.class, CallEvent.Ended.class);
        assertThat(events.stream().filter(e -> CallEvent.Ended.class.isInstance(e)).toList()).singleElement()
                .satisfies(e -> assertThat(Payloads.of(e)).containsEntry("outcome", "answered").containsEntry("callerNumber", "13600136000"));
    }

    @Test
    void aCallbackCallConnectsTheAgentAndTheCustomer() throws Exception {
        List<CallEvent> events = overTcp("04-callback-originate");
        assertThat(types(events)).containsExactly(CallEvent.Offered.class, CallEvent.Ended.class);
        assertThat(Payloads.of(only(events, CallEvent.Ended.class))).containsEntry("outcome", "answered");
    }

    @Test
    void anIvrCallThatQueuesAndAHangupDuringTheIvr() throws Exception {
        assertThat(types(overTcp("06-ivr-then-queue"))).containsExactly(CallEvent.Offered.class, CallEvent.IvrEntered.class, CallEvent.IvrLeft.class, CallEvent.QueueJoined.class,
                CallEvent.AgentRinging.class, CallEvent.Answered.class, CallEvent.AgentCompleted.class, CallEvent.Ended.class);
        List<CallEvent> hungUp = overTcp("07-hangup-during-ivr");
        assertThat(types(hungUp)).containsExactly(CallEvent.Offered.class, CallEvent.IvrEntered.class, CallEvent.Ended.class);
        assertThat(Payloads.of(only(hungUp, CallEvent.Ended.class))).containsEntry("outcome", "ivr_hangup").containsEntry("callerNumber", "13500135000");
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
            assertThat(types(events)).as("seed %d", seed).containsExactlyInAnyOrder(CallEvent.Offered.class, CallEvent.QueueJoined.class, CallEvent.AgentRinging.class, CallEvent.Answered.class,
                    CallEvent.AgentCompleted.class, CallEvent.Ended.class);
            assertThat(events.stream().filter(e -> CallEvent.Ended.class.isInstance(e))).hasSize(1);
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
        assertThat(types(events)).contains(CallEvent.Transferred.class);
        assertThat(Payloads.of(only(events, CallEvent.Transferred.class))).containsEntry("kind", "blind").containsEntry("extension", "2001");
        assertThat(Payloads.of(only(events, CallEvent.Ended.class))).containsEntry("onHoldSeconds", 25.0).containsEntry("transferredTo", "2001")
                .containsEntry("outcome", "answered");
    }

    @Test
    void aHangupBeforeAgentCompleteWaitsForIt() {
        List<CallEvent> events = new ArrayList<>();
        CallTracker tracker = new CallTracker("pbx-a", Clock.systemUTC(), events::add);
        List<AmiMessage> recorded = Frames.messages(AmiTrace.load("asterisk-traces/01-queue-answered.ami").events());
        AmiMessage complete = recorded.stream().filter(e -> e.eventName().orElse("").equals("AgentComplete")).findFirst().orElseThrow();
        recorded.stream().filter(e -> e != complete).forEach(tracker::on);
        assertThat(types(events)).doesNotContain(CallEvent.Ended.class);
        tracker.on(complete);
        assertThat(types(events)).endsWith(CallEvent.AgentCompleted.class, CallEvent.Ended.class);
        assertThat(tracker.activeCalls()).isZero();
    }

    private static List<CallEvent> overTcp(String trace) throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        CallTracker tracker = new CallTracker("pbx-a", Clock.systemUTC(), events::add);
        TraceReplay.overTcp(trace, tracker::on);
        return events;
    }

    private static List<Class<?>> types(List<CallEvent> events) {
        return events.stream().<Class<?>>map(CallEvent::getClass).toList();
    }

    private static CallEvent only(List<CallEvent> events, Class<? extends CallEvent> type) {
        return events.stream().filter(e -> type.isInstance(e)).reduce((a, b) -> {
            throw new AssertionError("more than one " + type);
        }).orElseThrow(() -> new AssertionError("no " + type));
    }
}
