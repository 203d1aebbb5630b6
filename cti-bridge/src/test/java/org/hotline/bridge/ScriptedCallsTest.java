package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import org.hotline.pbxsim.PbxSim;

import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.events.CallEvent;
import org.hotline.bridge.calls.CallTracker;
import org.hotline.pbxsim.scenario.AgentScript;
import org.hotline.pbxsim.scenario.CallScript;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What pbx-sim generates for a scripted call, against what Asterisk 22 sent for the same call. */
class ScriptedCallsTest {

    @Test
    void anAnsweredCallAsRecordedInTrace01() throws Exception {
        CallScript script = new CallScript("13800138000", "Zhang San", "service", Duration.ofSeconds(10), Duration.ofSeconds(5),
                List.of(AgentScript.answering("Local/1001@agents/n", "Agent 1001", Duration.ofMillis(50), Duration.ofMillis(100))));
        compare("01-queue-answered", script);
    }

    @Test
    void anAbandonedCallAsRecordedInTrace02() throws Exception {
        CallScript script = new CallScript("13900139000", "Li Si", "service", Duration.ofMillis(300), Duration.ofSeconds(5), List.of());
        compare("02-queue-abandoned", script);
    }

    @Test
    void aRingNoAnswerAsRecordedInTrace03ThenTheNextAgentAnswers() throws Exception {
        CallScript script = new CallScript("13700137000", "Wang Wu", "service", Duration.ofSeconds(10), Duration.ofMillis(150),
                List.of(AgentScript.notAnswering("Local/2001@agents-noanswer/n", "Agent 2001"),
                        AgentScript.answering("Local/1002@agents/n", "Agent 1002", Duration.ofMillis(50), Duration.ofMillis(50))));
        List<AmiMessage> generated = generate(script, 2_000);
        assertOrder(generated, "QueueCallerJoin", "AgentCalled", "AgentRingNoAnswer", "AgentCalled", "AgentConnect", "AgentComplete");
        List<AmiMessage> recorded = new ArrayList<>(recordedEvents("03-ring-no-answer-then-answered"));
        recorded.addAll(recordedEvents("01-queue-answered")); // trace 03 ends before the answer
        assertSameHeaderNames(generated, recorded);
        assertThat(track(generated)).containsSubsequence(CallEvent.AgentRingNoAnswer.class, CallEvent.AgentRinging.class,
                CallEvent.Answered.class, CallEvent.Ended.class);
    }

    @Test
    void aCallerWhoSpendsAWhileInTheIvrFirstAsInTrace06() throws Exception {
        CallScript script = new CallScript("13800138000", "Zhang San", "service", Duration.ofSeconds(10), Duration.ofSeconds(5),
                List.of(AgentScript.answering("Local/1001@agents/n", "Agent 1001", Duration.ofMillis(50), Duration.ofMillis(50))));
        List<AmiMessage> generated;
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")); AmiTestClient client = new AmiTestClient(pbx.port());
             ScriptedCalls calls = new ScriptedCalls(pbx)) {
            client.next();
            client.send(AmiMessage.action("Login").add("Username", "hotline").add("Secret", "s3cret").add("Events", "call,agent,agi").build());
            client.nextMessage();
            calls.startAfterIvr(script, Duration.ofMillis(300));
            Thread.sleep(1_500);
            generated = client.drained().stream().filter(e -> ScriptedCalls.kinds().contains(e.getOrEmpty("Event"))).toList();
        }
        assertOrder(generated, "AGIExecStart", "AGIExecEnd", "QueueCallerJoin", "AgentCalled", "AgentConnect");
        assertSameHeaderNames(generated, recordedEvents("06-ivr-then-queue"));
        assertThat(track(generated)).containsSubsequence(CallEvent.IvrEntered.class, CallEvent.IvrLeft.class, CallEvent.QueueJoined.class,
                CallEvent.Answered.class);
    }

    private static void compare(String trace, CallScript script) throws Exception {
        List<AmiMessage> recorded = recordedEvents(trace);
        List<AmiMessage> generated = generate(script, 1_500);
        assertThat(keyOrder(generated)).as("the recorded order of the call's key events").isEqualTo(keyOrder(recorded));
        assertSameHeaderNames(generated, recorded);
        assertThat(track(generated)).as("the tracker makes the same of both").isEqualTo(track(recorded));
        AmiMessage join = generated.stream().filter(e -> e.getOrEmpty("Event").equals("QueueCallerJoin")).findFirst().orElseThrow();
        assertThat(join.getOrEmpty("CallerIDNum")).isEqualTo(script.callerNumber());
        assertThat(join.getOrEmpty("Queue")).isEqualTo(script.queue());
    }

    /** The events of one call that the scripts generate, in the order they came, without the channel bookkeeping. */
    private static List<String> keyOrder(List<AmiMessage> events) {
        return names(events).stream().filter(n -> !n.equals("Newchannel") && !n.equals("Hangup")).toList();
    }

    private static List<AmiMessage> recordedEvents(String trace) {
        return Frames.messages(AmiTrace.load("asterisk-traces/" + trace + ".ami").events()).stream()
                .filter(e -> ScriptedCalls.kinds().contains(e.getOrEmpty("Event"))).toList();
    }

    private static List<AmiMessage> generate(CallScript script, long millis) throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")); AmiTestClient client = new AmiTestClient(pbx.port());
             ScriptedCalls calls = new ScriptedCalls(pbx)) {
            client.next();
            client.send(AmiMessage.action("Login").add("Username", "hotline").add("Secret", "s3cret").add("Events", "call,agent").build());
            client.nextMessage(); // accepted (FullyBooted is a system event)
            calls.start(script);
            Thread.sleep(millis); // scripted times are tens of milliseconds
            return client.drained().stream().filter(e -> ScriptedCalls.kinds().contains(e.getOrEmpty("Event"))).toList();
        }
    }

    private static void assertOrder(List<AmiMessage> events, String... order) {
        assertThat(names(events)).containsSubsequence(order);
    }

    private static void assertSameHeaderNames(List<AmiMessage> generated, List<AmiMessage> recorded) {
        for (AmiMessage event : generated) {
            AmiMessage twin = recorded.stream().filter(r -> r.getOrEmpty("Event").equals(event.getOrEmpty("Event"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no recorded " + event.getOrEmpty("Event")));
            assertThat(event.headers().stream().map(AmiMessage.Header::name).toList()).as(event.getOrEmpty("Event"))
                    .isEqualTo(twin.headers().stream().map(AmiMessage.Header::name).toList());
        }
    }

    private static List<Class<?>> track(List<AmiMessage> events) {
        List<Class<?>> types = new ArrayList<>();
        CallTracker tracker = new CallTracker("pbx-a", Clock.systemUTC(), e -> types.add(e.getClass()));
        events.forEach(tracker::on);
        return types;
    }

    private static List<String> names(List<AmiMessage> events) {
        return events.stream().map(e -> e.getOrEmpty("Event")).toList();
    }
}
