package org.hotline.bridge;

import org.hotline.pbxsim.PbxSim;

import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.pbxsim.scenario.CallScript;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hangup, Redirect, Getvar and Setvar on the channels of a scripted call; the keys the caller pressed. */
class ChannelActionsTest {

    @Test
    void actionsOnALiveChannelAndTheDtmfOfTheCaller() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret")); AmiTestClient client = new AmiTestClient(pbx.port());
             ScriptedCalls calls = new ScriptedCalls(pbx)) {
            client.next();
            client.send(AmiMessage.action("Login").add("Username", "hotline").add("Secret", "s3cret").add("Events", "call,agent,dtmf").build());
            client.nextMessage();
            calls.start(new CallScript("13800138000", "Zhang San", "service", Duration.ofSeconds(30), Duration.ofSeconds(5), List.of())
                    .pressing("23"));
            Thread.sleep(200);
            List<AmiMessage> events = client.drained();
            assertThat(events.stream().filter(e -> e.getOrEmpty("Event").equals("DTMFEnd")).map(e -> e.getOrEmpty("Digit")))
                    .containsExactly("2", "3");
            String callerLeg = events.stream().filter(e -> e.getOrEmpty("Event").equals("QueueCallerJoin")).findFirst()
                    .orElseThrow().getOrEmpty("Channel");

            client.send(AmiMessage.action("Setvar").add("ActionID", "s").add("Channel", callerLeg).add("Variable", "HOTLINE_RECORD_ID")
                    .add("Value", "42").build());
            assertThat(client.nextMessage().getOrEmpty("Message")).isEqualTo("Variable Set");
            client.send(AmiMessage.action("Getvar").add("ActionID", "g").add("Channel", callerLeg).add("Variable", "HOTLINE_RECORD_ID").build());
            AmiMessage value = client.nextMessage();
            assertThat(value.getOrEmpty("Variable")).isEqualTo("HOTLINE_RECORD_ID");
            assertThat(value.getOrEmpty("Value")).isEqualTo("42");
            client.send(AmiMessage.action("Redirect").add("ActionID", "r").add("Channel", callerLeg).add("Context", "survey")
                    .add("Exten", "s").add("Priority", "1").build());
            assertThat(client.nextMessage().getOrEmpty("Message")).isEqualTo("Redirect successful");

            client.send(AmiMessage.action("Hangup").add("ActionID", "h").add("Channel", callerLeg).build());
            List<AmiMessage> answer = client.next(2);
            assertThat(answer).anySatisfy(m -> assertThat(m.getOrEmpty("Message")).isEqualTo("Channel Hungup"));
            assertThat(answer).anySatisfy(m -> assertThat(m.getOrEmpty("Event")).isEqualTo("Hangup"));

            client.send(AmiMessage.action("Hangup").add("ActionID", "h2").add("Channel", callerLeg).build());
            AmiMessage gone = client.nextMessage();
            assertThat(gone.getOrEmpty("Response")).isEqualTo("Error");
            assertThat(gone.getOrEmpty("Message")).isEqualTo("No such channel");
        }
    }
}
