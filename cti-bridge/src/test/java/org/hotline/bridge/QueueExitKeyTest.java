package org.hotline.bridge;

import org.hotline.pbxsim.PbxSim;

import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.bridge.ami.wire.AmiMessage;
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

/**
 * A key pressed while queued that the queue's exit context sends back to the queue (any key
 * but 1 in the shipped dialplan): Asterisk ends Queue() (QueueCallerLeave) and the dialplan
 * starts it again, at the caller's place when it passes QUEUEPOSITION as Queue's position
 * argument, else at the back. Hotline counts one caller once, waiting since the first join.
 */
class QueueExitKeyTest {

    private static final CallScript WAITING = new CallScript("13800138000", "Zhang San", "service", Duration.ofSeconds(3),
            Duration.ofSeconds(5), List.of());

    @Test
    void theCallerGoesBackToTheirPlaceWhenTheDialplanPassesThePositionElseToTheBack() throws Exception {
        assertThat(joinPositionsOfTheFirstCaller(true)).as("Queue(...,${QUEUEPOSITION})").containsExactly("1", "1");
        assertThat(joinPositionsOfTheFirstCaller(false)).as("Queue() without a position").containsExactly("1", "2");
    }

    @Test
    void aCallerSentBackIsOneCallerWaitingSinceTheFirstJoin() throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret"));
             AmiBridge bridge = new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret"),
                     Clock.systemUTC(), events::add, change -> { }, Duration.ZERO).start();
             ScriptedCalls calls = new ScriptedCalls(pbx)) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            // the agent would answer 600 ms after being rung; the key at 400 ms stops that ring, and the agent is rung again
            String linkedid = calls.start(WAITING.withAgents(List.of(AgentScript.answering("Local/1001@agents/n", "Agent 1001",
                    Duration.ofMillis(600), Duration.ofMillis(50)))).pressingInQueue('5', Duration.ofMillis(400), true));
            Await.until(() -> events.stream().anyMatch(e -> e.linkedid().equals(linkedid) && CallEvent.Ended.class.isInstance(e)));
            List<CallEvent> call = events.stream().filter(e -> e.linkedid().equals(linkedid)).toList();
            assertThat(call).filteredOn(e -> CallEvent.QueueJoined.class.isInstance(e)).as("offered once").hasSize(1);
            CallEvent answered = call.stream().filter(e -> CallEvent.Answered.class.isInstance(e)).findFirst().orElseThrow();
            assertThat((Double) Payloads.of(answered).get("waitSeconds")).as("from the first join: 400 ms, then 600 ms")
                    .isGreaterThanOrEqualTo(0.95);
            assertThat(Payloads.of(call.getLast())).containsEntry("outcome", "answered");
        }
    }

    /** Two callers wait in one queue; the first presses 5 after 200 ms: the positions of that caller's joins. */
    private static List<String> joinPositionsOfTheFirstCaller(boolean keepsPlace) throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")); AmiTestClient client = new AmiTestClient(pbx.port());
             ScriptedCalls calls = new ScriptedCalls(pbx)) {
            client.next();
            client.send(AmiMessage.action("Login").add("Username", "hotline").add("Secret", "s3cret").add("Events", "call,agent").build());
            client.nextMessage();
            String first = calls.start(WAITING.pressingInQueue('5', Duration.ofMillis(200), keepsPlace));
            calls.start(WAITING.withAgents(List.of()));
            List<AmiMessage> joins = new java.util.ArrayList<>();
            while (joins.size() < 3) {
                AmiMessage event = client.nextMessage();
                if (event.getOrEmpty("Event").equals("QueueCallerJoin")) {
                    joins.add(event);
                }
            }
            return joins.stream().filter(j -> j.getOrEmpty("Linkedid").equals(first)).map(j -> j.getOrEmpty("Position")).toList();
        }
    }
}
