package org.hotline.bridge;

import org.hotline.pbxsim.PbxSim;

import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.events.CallEvent;
import org.hotline.pbxsim.scenario.AgentScript;
import org.hotline.pbxsim.scenario.CallScript;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge through Asterisk's bad days: garbage on the wire, a restart. */
class FaultsTest {

    private static final CallScript CALL = new CallScript("13800138000", "Zhang San", "service", Duration.ofSeconds(10),
            Duration.ofSeconds(5), List.of(AgentScript.answering("PJSIP/1001", "Agent 1001", Duration.ofMillis(30), Duration.ofMillis(30))));

    @Test
    void malformedFramesAreSkippedAndTheCallsAroundThemStillTracked() throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")); ScriptedCalls calls = new ScriptedCalls(pbx);
             AmiBridge bridge = bridge(pbx, events)) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            pbx.sendRaw("this is not AMI at all\r\n\r\n");
            pbx.sendRaw("Event: Newchannel\r\nno colon on this line\r\nLinkedid\r\n\r\n");
            pbx.sendRaw("Event: " + "x".repeat(2 << 20) + "\r\n\r\n"); // larger than any frame may be
            String linkedid = calls.start(CALL);
            Await.until(() -> ended(events, linkedid));
            assertThat(bridge.client().connections()).as("the link stayed up").isEqualTo(1);
            assertThat(events.stream().filter(e -> e.linkedid().equals(linkedid)).<Class<?>>map(CallEvent::getClass).toList())
                    .containsExactly(CallEvent.Offered.class, CallEvent.QueueJoined.class, CallEvent.AgentRinging.class,
                            CallEvent.Answered.class, CallEvent.AgentCompleted.class, CallEvent.Ended.class);
        }
    }

    @Test
    void eventsReorderedWithinACallStillGiveEachCallOneRightOutcome() throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret"));
             ScriptedCalls calls = new ScriptedCalls(pbx).reorderingWithinCalls(7);
             AmiBridge bridge = bridge(pbx, events)) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            List<String> linkedids = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                linkedids.add(calls.start(i % 3 == 0
                        ? new CallScript("1380013800" + (i % 10), "Caller " + i, "service", Duration.ofMillis(60), Duration.ofSeconds(5), List.of())
                        : CALL));
            }
            Await.until(() -> linkedids.stream().allMatch(l -> ended(events, l)));
            for (int i = 0; i < linkedids.size(); i++) {
                String linkedid = linkedids.get(i);
                List<CallEvent> ends = events.stream().filter(e -> e.linkedid().equals(linkedid) && CallEvent.Ended.class.isInstance(e)).toList();
                assertThat(ends).as("call %d", i).hasSize(1);
                assertThat(Payloads.of(ends.getFirst()).get("outcome")).as("call %d", i).isEqualTo(i % 3 == 0 ? "abandoned" : "answered");
            }
        }
    }

    @Test
    void aCallThatEndedWhileTheLinkWasDownIsClosedAfterTheReconnect() throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")); ScriptedCalls calls = new ScriptedCalls(pbx);
             AmiBridge bridge = bridge(pbx, events)) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            String waiting = calls.start(new CallScript("13800138009", "Waiting", "service", Duration.ofSeconds(30),
                    Duration.ofSeconds(5), List.of()));
            Await.until(() -> events.stream().anyMatch(e -> e.linkedid().equals(waiting) && CallEvent.QueueJoined.class.isInstance(e)));

            pbx.dropConnections();
            pbx.hangUp(waiting); // the caller gives up while nobody listens: Asterisk will not tell
            Await.until(() -> ended(events, waiting));
            CallEvent end = events.stream().filter(e -> e.linkedid().equals(waiting) && CallEvent.Ended.class.isInstance(e))
                    .findFirst().orElseThrow();
            assertThat(Payloads.of(end)).containsEntry("outcome", "abandoned").containsEntry("causeText",
                    "ended while the link to Asterisk was down");
        }
    }

    @Test
    void aCallStillWaitingAfterTheReconnectIsTakenOverWithItsQueue() throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")); ScriptedCalls calls = new ScriptedCalls(pbx);
             AmiBridge bridge = bridge(pbx, events)) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            bridge.agentCommands().login("service", "PJSIP/1001", "Agent 1001", 0).get(5, java.util.concurrent.TimeUnit.SECONDS);
            String waiting = calls.start(new CallScript("13800138010", "Still Waiting", "service", Duration.ofSeconds(30),
                    Duration.ofSeconds(5), List.of()));
            Await.until(() -> events.stream().anyMatch(e -> e.linkedid().equals(waiting) && CallEvent.QueueJoined.class.isInstance(e)));

            pbx.dropConnections();
            Await.until(() -> bridge.client().connections() == 2 && bridge.state() == AmiBridge.State.SYNCED);
            assertThat(bridge.activeCalls()).isEqualTo(1);
            assertThat(bridge.agentState("PJSIP/1001")).isEqualTo(org.hotline.events.AgentState.READY);

            pbx.hangUp(waiting);
            Await.until(() -> ended(events, waiting));
            assertThat(Payloads.of(events.stream().filter(e -> e.linkedid().equals(waiting) && CallEvent.Ended.class.isInstance(e))
                    .findFirst().orElseThrow())).containsEntry("outcome", "abandoned").containsEntry("queue", "service");
        }
    }

    @Test
    void afterAnAsteriskRestartTheBridgeReconnectsResyncsAndTracksTheNextCalls() throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")); ScriptedCalls calls = new ScriptedCalls(pbx);
             AmiBridge bridge = bridge(pbx, events)) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            String before = calls.start(CALL);
            Await.until(() -> ended(events, before));

            pbx.restart();
            Await.until(() -> bridge.client().connections() == 2 && bridge.state() == AmiBridge.State.SYNCED);

            String after = calls.start(CALL);
            Await.until(() -> ended(events, after));
            for (String linkedid : List.of(before, after)) {
                assertThat(events.stream().filter(e -> e.linkedid().equals(linkedid) && CallEvent.Ended.class.isInstance(e)))
                        .as("one outcome for %s", linkedid).hasSize(1);
            }
        }
    }

    private static AmiBridge bridge(PbxSim pbx, List<CallEvent> events) {
        return new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret")
                .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1)),
                Clock.systemUTC(), events::add, change -> { }, Duration.ZERO).start();
    }

    private static boolean ended(List<CallEvent> events, String linkedid) {
        return events.stream().anyMatch(e -> e.linkedid().equals(linkedid) && CallEvent.Ended.class.isInstance(e));
    }
}
