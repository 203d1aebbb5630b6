package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import org.hotline.pbxsim.PbxSim;

import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.events.CallEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Resync after every connect: the calls in progress are taken over, not announced again. */
class AmiBridgeTest {

    @Test
    void afterAReconnectTheCallsInProgressAreTakenOverFromTheStatusAnswers() throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")).answerStatusAsRecorded();
             AmiBridge bridge = new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret")
                     .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(1)),
                     Clock.systemUTC(), events::add, change -> { }, Duration.ZERO).start()) {
            Await.until(() -> bridge.state() == AmiBridge.State.SYNCED);
            // trace 05's status answers show one caller (Zhao Liu, Linkedid 1795357081.46) waiting in queue service
            assertThat(bridge.activeCalls()).isEqualTo(1);

            pbx.dropConnections();
            Await.until(() -> bridge.client().connections() == 2 && bridge.state() == AmiBridge.State.SYNCED);
            assertThat(bridge.activeCalls()).isEqualTo(1);
            assertThat(events).as("taken over: found in its queue at each resync, not offered or joined again")
                    .<Class<?>>extracting(Object::getClass).containsOnly(CallEvent.QueueTakenOver.class).isNotEmpty();
            assertThat(Payloads.of(events.getLast())).containsEntry("queue", "service").containsEntry("callerNumber", "13600136000");
            events.clear();

            // the rest of that call, as recorded: answered after the agent is unpaused, then over
            List<AmiMessage> recorded = Frames.messages(AmiTrace.load("asterisk-traces/05-pause-status-queries.ami").events());
            recorded.stream().filter(e -> e.getOrEmpty("Linkedid").equals("1795357081.46")
                    && List.of("AgentCalled", "AgentConnect", "AgentComplete", "Hangup").contains(e.getOrEmpty("Event")))
                    .map(Frames::frame).forEach(pbx::emit);
            Await.until(() -> events.stream().anyMatch(e -> CallEvent.Ended.class.isInstance(e)));
            assertThat(events).<Class<?>>extracting(Object::getClass).containsExactly(CallEvent.AgentRinging.class,
                    CallEvent.Answered.class, CallEvent.AgentCompleted.class, CallEvent.Ended.class);
            assertThat(Payloads.of(events.getLast())).containsEntry("outcome", "answered").containsEntry("queue", "service");
        }
    }
}
