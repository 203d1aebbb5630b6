package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import org.hotline.pbxsim.PbxSim;

import org.hotline.events.AgentState;
import org.hotline.events.AgentStateChanged;
import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.desk.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Agent states from commands and call events, over TCP against pbx-sim. */
class AgentStatesTest {

    private static final String AGENT = "Local/1001@agents/n";

    @Test
    void commandsAndCallsMoveAnAgentThroughItsStates() throws Exception {
        List<AgentStateChanged> changes = new CopyOnWriteArrayList<>();
        List<String> pauses = new CopyOnWriteArrayList<>();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")).watchingEmits(e -> {
                if (e.getOrEmpty("Event").equals("QueueMemberPause")) {
                    pauses.add(e.getOrEmpty("Paused") + " " + e.getOrEmpty("PausedReason"));
                }
             });
             AmiBridge bridge = new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret"), clock,
                     call -> { }, changes::add, Duration.ofSeconds(30)).start()) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            changes.clear(); // whatever the recorded status answers said at connect

            var commands = bridge.agentCommands();
            commands.login("service", AGENT, "Agent 1001", 0).get(5, TimeUnit.SECONDS);
            Await.until(() -> bridge.agentState(AGENT) == AgentState.READY);

            commands.pause(AGENT, "lunch").get(5, TimeUnit.SECONDS);
            // the change is handed on after the state is set (on the AMI thread): wait for the change itself
            Await.until(() -> !changes.isEmpty() && changes.getLast().to() == AgentState.PAUSED);
            assertThat(changes.getLast().reason()).isEqualTo("lunch");
            var paused = bridge.agentStanding(AGENT).orElseThrow();
            assertThat(paused.reason()).as("what a console asking now is told").isEqualTo("lunch");
            assertThat(paused.since()).isEqualTo(changes.getLast().at());
            commands.ready(AGENT).get(5, TimeUnit.SECONDS);
            Await.until(() -> bridge.agentState(AGENT) == AgentState.READY);

            // Agent 1001 rings, talks, completes (the recording's FullyBooted left out: it would mean Asterisk restarted)
            Frames.messages(AmiTrace.load("asterisk-traces/01-queue-answered.ami").events()).stream()
                    .filter(e -> !e.getOrEmpty("Event").equals("FullyBooted")).map(Frames::frame).forEach(pbx::emit);
            Await.until(() -> bridge.agentState(AGENT) == AgentState.WRAP_UP);
            // held in Asterisk for the wrap-up (the queue must not ring them), released when its time is up
            Await.until(() -> pauses.contains("1 wrap-up"));
            assertThat(bridge.agentState(AGENT)).isEqualTo(AgentState.WRAP_UP);
            var wrapping = bridge.agentStanding(AGENT).orElseThrow();
            assertThat(wrapping.wrapUpEndsAt()).as("the bridge's wrap-up ends 30 s after it began").contains(wrapping.since().plusSeconds(30));
            clock.advance(Duration.ofSeconds(31));
            Await.until(() -> bridge.agentState(AGENT) == AgentState.READY); // the bridge's tick ends the wrap-up
            // Asterisk answers the QueuePause before or after its QueueMemberPause event: wait for the event
            Await.until(() -> pauses.getLast().equals("0 "));

            // an agent who asks for wrap-up stays in it until they say they are ready
            commands.pause(AGENT, "wrap-up").get(5, TimeUnit.SECONDS);
            Await.until(() -> bridge.agentState(AGENT) == AgentState.WRAP_UP);
            assertThat(bridge.agentStanding(AGENT).orElseThrow().wrapUpEndsAt()).as("no end: the agent's own").isEmpty();
            clock.advance(Duration.ofMinutes(5));
            long ticked = bridge.ticks();
            Await.until(() -> bridge.ticks() >= ticked + 2); // a whole tick after the clock moved
            assertThat(bridge.agentState(AGENT)).isEqualTo(AgentState.WRAP_UP);
            commands.ready(AGENT).get(5, TimeUnit.SECONDS);
            Await.until(() -> bridge.agentState(AGENT) == AgentState.READY);

            assertThatThrownBy(() -> commands.login("service", AGENT, "Agent 1001", 0).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("Unable to add interface: Already there");

            commands.logout("service", AGENT).get(5, TimeUnit.SECONDS);
            // the change is handed on after the state is set: wait for the change itself before reading them all
            Await.until(() -> !changes.isEmpty() && changes.getLast().to() == AgentState.LOGGED_OUT);

            assertThat(changes).extracting(AgentStateChanged::to).containsExactly(AgentState.READY, AgentState.PAUSED,
                    AgentState.READY, AgentState.RINGING, AgentState.TALKING, AgentState.WRAP_UP, AgentState.READY,
                    AgentState.WRAP_UP, AgentState.READY, AgentState.LOGGED_OUT);
            assertThat(changes).allSatisfy(c -> assertThat(c.memberName()).isEqualTo("Agent 1001"));
        }
    }

    @Test
    void afterAReconnectAgentStatesComeFromQueueStatus() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")).answerStatusAsRecorded();
             AmiBridge bridge = new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret"),
                     Clock.systemUTC(), call -> { }, change -> { }, Duration.ZERO).start()) {
            // trace 05's QueueStatus answer: Agent 1001 in queue service, paused for lunch
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED && bridge.agentState(AGENT) == AgentState.PAUSED);
        }
    }

    /** A restart during an agent's wrap-up: the new link finds them paused for it, and releases them one wrap-up later. */
    @Test
    void anAgentFoundInWrapUpAfterARestartIsReleasedOneWrapUpLater() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret"))) {
            try (AmiBridge before = new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret"), clock,
                    call -> { }, change -> { }, Duration.ofSeconds(30)).start()) {
                Await.until(() -> before.state() == AmiBridge.State.SYNCED);
                before.agentCommands().login("service", AGENT, "Agent 1001", 0).get(5, TimeUnit.SECONDS);
                before.agentCommands().pause(AGENT, "wrap-up").get(5, TimeUnit.SECONDS);
            }
            try (AmiBridge after = new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret"), clock,
                    call -> { }, change -> { }, Duration.ofSeconds(30)).start()) {
                Await.until(() -> after.state() == AmiBridge.State.SYNCED && after.agentState(AGENT) == AgentState.WRAP_UP);
                clock.advance(Duration.ofSeconds(31));
                Await.until(() -> after.agentState(AGENT) == AgentState.READY);
            }
        }
    }

    /** persistentmembers = no: Asterisk restarts with empty queues; the bridge puts its agents back as they were. */
    @Test
    void afterAnAsteriskRestartTheAgentsAreBackInTheirQueuesWithTheirPenaltiesAndPauses() throws Exception {
        String other = "PJSIP/1002";
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret"));
             AmiBridge bridge = new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret")
                     .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1)),
                     java.time.Clock.systemUTC(), call -> { }, change -> { }, Duration.ofSeconds(30)).start()) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            var commands = bridge.agentCommands();
            commands.login("service", AGENT, "Agent 1001", 0).get(5, TimeUnit.SECONDS);
            commands.login("complaint", AGENT, "Agent 1001", 2).get(5, TimeUnit.SECONDS);
            commands.pause(AGENT, "lunch").get(5, TimeUnit.SECONDS);
            commands.login("service", other, "Agent 1002", 1).get(5, TimeUnit.SECONDS);
            Await.until(() -> bridge.agentState(AGENT) == AgentState.PAUSED && bridge.agentState(other) == AgentState.READY);

            pbx.restart();
            Await.until(() -> bridge.client().connections() == 2 && bridge.state() == AmiBridge.State.SYNCED);
            Await.until(() -> bridge.agentState(AGENT) == AgentState.PAUSED && bridge.agentState(other) == AgentState.READY);

            var status = bridge.client().sendForList(org.hotline.bridge.ami.wire.AmiMessage.action("QueueStatus")).get(5, TimeUnit.SECONDS);
            java.util.List<String> members = status.events().stream().filter(e -> e.getOrEmpty("Event").equals("QueueMember"))
                    .map(e -> e.getOrEmpty("Queue") + " " + e.getOrEmpty("Location") + " penalty " + e.getOrEmpty("Penalty") + " paused "
                            + e.getOrEmpty("Paused") + " " + e.getOrEmpty("PausedReason")).sorted().toList();
            assertThat(members).containsExactly("complaint " + AGENT + " penalty 2 paused 1 lunch",
                    "service " + AGENT + " penalty 0 paused 1 lunch", "service PJSIP/1002 penalty 1 paused 0 ");
        }
    }
}
