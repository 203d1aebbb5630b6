package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import org.hotline.pbxsim.PbxSim;

import org.hotline.bridge.ami.wire.AmiBanner;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** pbx-sim over real TCP, against what Asterisk 22 said in the recordings. */
class PbxSimTest {

    private PbxSim pbx;

    @BeforeEach
    void start() throws InterruptedException {
        pbx = new PbxSim(0, Map.of("hotline", "acceptance-secret"));
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void aWrongSecretIsRefusedAndTheRightOneLogsIn() throws Exception {
        try (AmiTestClient client = new AmiTestClient(pbx.port())) {
            assertThat(client.next()).isEqualTo(new AmiBanner("Asterisk Call Manager/11.0.0"));

            client.send(login("cap-1", "wrong"));
            AmiMessage refused = client.nextMessage();
            assertThat(refused.headers()).containsExactly(new AmiMessage.Header("Response", "Error"),
                    new AmiMessage.Header("ActionID", "cap-1"), new AmiMessage.Header("Message", "Authentication failed"));

            client.send(login("cap-1", "acceptance-secret"));
            AmiTrace recorded = AmiTrace.load("asterisk-traces/01-queue-answered.ami");
            assertThat(client.nextMessage().headers()).isEqualTo(Frames.messages(recorded.frames()).get(0).headers()); // Authentication accepted
            AmiMessage booted = client.nextMessage();
            assertThat(booted.eventName()).contains("FullyBooted");
            assertThat(booted.getOrEmpty("Status")).isEqualTo("Fully Booted");
            assertThat(pbx.loggedIn()).isEqualTo(1);
        }
    }

    @Test
    void pingUnknownActionsAndLogoffAnswerAsAsterisk22Does() throws Exception {
        AmiTrace recorded = AmiTrace.load("asterisk-traces/05-pause-status-queries.ami");
        try (AmiTestClient client = loggedIn()) {
            client.send(AmiMessage.action("Ping").add("ActionID", "cap-10").build());
            AmiMessage pong = client.nextMessage();
            assertThat(names(pong)).isEqualTo(names(byActionId(recorded, "cap-10")));
            assertThat(pong.getOrEmpty("Timestamp")).matches("\\d+\\.\\d{6}");

            client.send(AmiMessage.action("NoSuchAction").add("ActionID", "cap-12").build());
            assertThat(client.nextMessage().headers()).isEqualTo(byActionId(recorded, "cap-12").headers());

            client.send(AmiMessage.action("Logoff").add("ActionID", "cap-13").build());
            assertThat(client.nextMessage().headers()).isEqualTo(byActionId(recorded, "cap-13").headers());
            Thread.sleep(200);
            assertThat(client.isOpen()).isFalse();
        }
    }

    @Test
    void nothingButLoginIsAnsweredBeforeLogin() throws Exception {
        try (AmiTestClient client = new AmiTestClient(pbx.port())) {
            client.next(); // banner
            client.send(AmiMessage.action("Ping").add("ActionID", "x").build());
            assertThat(client.nextMessage().getOrEmpty("Message")).isEqualTo("Permission denied");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-queue-answered", "02-queue-abandoned", "03-ring-no-answer-then-answered",
            "04-callback-originate", "05-pause-status-queries", "06-ivr-then-queue", "07-hangup-during-ivr"})
    void replayingARecordingSendsItsEventsByteForByte(String name) throws Exception {
        AmiTrace trace = AmiTrace.load("asterisk-traces/" + name + ".ami");
        try (AmiTestClient client = loggedIn()) {
            pbx.replay(trace);
            List<AmiMessage> received = client.next(Frames.messages(trace.events()).size());
            for (int i = 0; i < received.size(); i++) {
                assertThat(received.get(i).toWire()).as("event %d of %s", i, name).isEqualTo(Frames.messages(trace.events()).get(i).toWire());
            }
            assertThat(client.quietFor(100)).isTrue();
        }
    }

    @Test
    void theEventFilterOfTheLoginIsHonoured() throws Exception {
        AmiTrace trace = AmiTrace.load("asterisk-traces/06-ivr-then-queue.ami");
        try (AmiTestClient calls = new AmiTestClient(pbx.port()); AmiTestClient none = new AmiTestClient(pbx.port())) {
            calls.next();
            calls.send(AmiMessage.action("Login").add("ActionID", "a").add("Username", "hotline")
                    .add("Secret", "acceptance-secret").add("Events", "agent").build());
            calls.nextMessage(); // accepted; FullyBooted is a system event, filtered out
            none.next();
            none.send(AmiMessage.action("Login").add("ActionID", "b").add("Username", "hotline").add("Secret", "acceptance-secret")
                    .add("Events", "off").build());
            none.nextMessage();

            pbx.replay(trace);
            List<AmiMessage> agentEvents = Frames.messages(trace.events()).stream()
                    .filter(e -> List.of(e.getOrEmpty("Privilege").split(",")).contains("agent")).toList();
            assertThat(agentEvents).isNotEmpty();
            assertThat(calls.next(agentEvents.size())).extracting(AmiMessage::headers)
                    .isEqualTo(agentEvents.stream().map(AmiMessage::headers).toList());
            assertThat(calls.quietFor(100)).isTrue();
            assertThat(none.quietFor(100)).isTrue();
        }
    }

    private AmiTestClient loggedIn() throws Exception {
        AmiTestClient client = new AmiTestClient(pbx.port());
        client.next(); // banner
        client.send(login("cap-1", "acceptance-secret"));
        client.next(2); // accepted, FullyBooted
        return client;
    }

    private static AmiMessage login(String actionId, String secret) {
        return AmiMessage.action("Login").add("ActionID", actionId).add("Username", "hotline").add("Secret", secret).build();
    }

    private static AmiMessage byActionId(AmiTrace trace, String actionId) {
        return Frames.messages(trace.frames()).stream().filter(f -> f.actionId().filter(actionId::equals).isPresent()).findFirst().orElseThrow();
    }

    private static List<String> names(AmiMessage message) {
        return message.headers().stream().map(AmiMessage.Header::name).toList();
    }
}
