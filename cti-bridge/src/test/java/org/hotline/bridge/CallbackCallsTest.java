package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import org.hotline.pbxsim.PbxSim;

import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.bridge.callbacks.CallbackCallResult;
import org.hotline.bridge.callbacks.CallbackDial;
import org.hotline.pbxsim.scenario.Originations;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Callback calls placed over AMI (agent first, then the customer) and their outcomes. */
class CallbackCallsTest {

    @Test
    void theCallbackCallLooksLikeTrace04OnTheWire() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")); AmiTestClient client = new AmiTestClient(pbx.port())) {
            client.next();
            client.send(org.hotline.bridge.ami.wire.AmiMessage.action("Login").add("Username", "hotline").add("Secret", "s3cret")
                    .add("Events", "call").build());
            client.nextMessage();
            client.send(org.hotline.bridge.ami.wire.AmiMessage.action("Originate").add("ActionID", "cap-2")
                    .add("Channel", "Local/1001@agents").add("Context", "callback-out").add("Exten", "13800138000")
                    .add("Priority", "1").add("CallerID", "\"Service Hotline\" <4008>").add("Async", "true")
                    .add("Variable", "HOTLINE_CALLBACK_ID=42").build());
            Thread.sleep(300);
            var received = client.drained();
            var recorded = AmiTrace.load("asterisk-traces/04-callback-originate.ami");
            assertThat(received.getFirst().headers()).isEqualTo(Frames.messages(recorded.frames()).stream()
                    .filter(f -> f.actionId().filter("cap-2"::equals).isPresent() && f.isResponse()).findFirst().orElseThrow().headers());
            for (String event : java.util.List.of("OriginateResponse", "DialBegin", "DialEnd")) {
                var generated = received.stream().filter(e -> e.getOrEmpty("Event").equals(event)).findFirst().orElseThrow();
                var twin = Frames.messages(recorded.events()).stream().filter(e -> e.getOrEmpty("Event").equals(event)
                        && e.get("Channel").isPresent() == generated.get("Channel").isPresent()).findFirst().orElseThrow();
                assertThat(generated.headers().stream().map(h -> h.name()).toList()).as(event)
                        .isEqualTo(twin.headers().stream().map(h -> h.name()).toList());
            }
            assertThat(received.stream().filter(e -> e.getOrEmpty("Event").equals("OriginateResponse")).findFirst().orElseThrow()
                    .actionId()).contains("cap-2");
            assertThat(received.stream().filter(e -> e.getOrEmpty("Event").equals("DialEnd")).findFirst().orElseThrow()
                    .getOrEmpty("DialStatus")).isEqualTo("ANSWER");
        }
    }

    @Test
    void eachOutcomeOfACallbackCallIsToldToTheCallback() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret"));
             AmiBridge bridge = new AmiBridge(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret"),
                     Clock.systemUTC(), call -> { }, change -> { }, Duration.ZERO).start()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (bridge.state() != AmiBridge.State.SYNCED && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            pbx.originations().customer("13900000002", Originations.DialStatus.BUSY);
            pbx.originations().customer("13900000003", Originations.DialStatus.NOANSWER);
            pbx.originations().agentAnswers("PJSIP/1009", false);

            var answered = bridge.placeCallback(CallbackDial.of(41, "PJSIP/1001", "13800138000")).get(10, TimeUnit.SECONDS);
            assertThat(answered.outcome()).isEqualTo(CallbackCallResult.Outcome.ANSWERED);
            assertThat(answered.callbackId()).isEqualTo(41);
            assertThat(answered.linkedid()).isNotEmpty();

            assertThat(bridge.client().sendForList(org.hotline.bridge.ami.wire.AmiMessage.action("QueueSummary"))
                    .get(5, TimeUnit.SECONDS).events()).extracting(e -> e.getOrEmpty("Event"))
                    .containsExactly("QueueSummaryComplete"); // no queue has members or callers in this simulator

            assertThat(bridge.placeCallback(CallbackDial.of(42, "PJSIP/1001", "13900000002")).get(10, TimeUnit.SECONDS).outcome())
                    .isEqualTo(CallbackCallResult.Outcome.BUSY);
            assertThat(bridge.placeCallback(CallbackDial.of(43, "PJSIP/1001", "13900000003")).get(10, TimeUnit.SECONDS).outcome())
                    .isEqualTo(CallbackCallResult.Outcome.NO_ANSWER);
            assertThat(bridge.placeCallback(CallbackDial.of(44, "PJSIP/1009", "13800138000")).get(10, TimeUnit.SECONDS).outcome())
                    .isEqualTo(CallbackCallResult.Outcome.AGENT_NO_ANSWER);
        }
    }
}
