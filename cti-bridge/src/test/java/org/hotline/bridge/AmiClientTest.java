package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import org.hotline.pbxsim.PbxSim;

import org.hotline.bridge.ami.client.ActionResult;
import org.hotline.bridge.ami.client.AmiActionException;
import org.hotline.bridge.ami.client.AmiClient;
import org.hotline.bridge.ami.client.AmiListener;
import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AMI client over real TCP against pbx-sim, faults included. */
class AmiClientTest {

    private PbxSim pbx;
    private final BlockingQueue<AmiMessage> events = new LinkedBlockingQueue<>();
    private final List<String> connectivity = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws InterruptedException {
        pbx = new PbxSim(0, Map.of("hotline", "acceptance-secret"));
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void logsInReceivesEventsInOrderAndAnswersListActions() throws Exception {
        pbx.answerStatusAsRecorded();
        try (AmiClient client = client("acceptance-secret", Duration.ofSeconds(5)).start()) {
            awaitConnected(client, 1);
            assertThat(events.poll(5, TimeUnit.SECONDS).eventName()).contains("FullyBooted"); // sent at login
            AmiTrace trace = AmiTrace.load("asterisk-traces/01-queue-answered.ami");
            pbx.replay(trace);
            // the login asked for the contact-center classes only: VarSet and Newexten (dialplan) stay out
            List<String> asked = List.of(AmiSettings.CONTACT_CENTER_EVENTS.split(","));
            List<AmiMessage> expected = Frames.messages(trace.events()).stream()
                    .filter(e -> List.of(e.getOrEmpty("Privilege").toLowerCase().split(",")).stream().anyMatch(asked::contains))
                    .toList();
            assertThat(expected.size()).isLessThan(Frames.messages(trace.events()).size());
            for (AmiMessage event : expected) {
                assertThat(events.poll(5, TimeUnit.SECONDS)).as("event %s", event.getOrEmpty("Event")).isNotNull()
                        .extracting(AmiMessage::headers).isEqualTo(event.headers());
            }

            ActionResult status = client.sendForList(AmiMessage.action("QueueStatus")).get(5, TimeUnit.SECONDS);
            assertThat(status.isSuccess()).isTrue();
            assertThat(status.message()).isEqualTo("Queue status will follow");
            assertThat(status.events()).extracting(e -> e.getOrEmpty("Event"))
                    .containsExactly("QueueParams", "QueueMember", "QueueEntry", "QueueStatusComplete");
            assertThat(client.sendForList(AmiMessage.action("CoreShowChannels")).get(5, TimeUnit.SECONDS).events())
                    .hasSize(3);
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).as("list events do not reach the listener").isNull();
        }
    }

    @Test
    void aSlowListenerNeverHoldsUpTheAnswersToActions() throws Exception {
        AmiListener slow = new AmiListener() {
            @Override
            public void onEvent(AmiMessage event) {
                sleep(20); // 70-odd events: over a second of work
            }
        };
        try (AmiClient client = new AmiClient(settings("acceptance-secret", Duration.ofSeconds(5)), slow).start()) {
            awaitConnected(client, 1);
            pbx.replay(AmiTrace.load("asterisk-traces/06-ivr-then-queue.ami"));
            CompletableFuture<ActionResult> ping = client.send(AmiMessage.action("Ping"));
            assertThat(ping.get(1, TimeUnit.SECONDS).response().getOrEmpty("Ping")).isEqualTo("Pong");
        }
    }

    @Test
    void aValueWithALineBreakNeverReachesTheWireAsASecondAction() throws Exception {
        try (AmiClient client = client("acceptance-secret", Duration.ofSeconds(5)).start()) {
            awaitConnected(client, 1);
            for (String reason : List.of("x\r\n\r\nAction: Logoff", "x\r\n\r\nAction: Hangup\r\nChannel: /.*/", "x\nAction: Logoff",
                    "lunch\u0000")) {
                CompletableFuture<ActionResult> pause = client.send(AmiMessage.action("QueuePause").add("Interface", "PJSIP/1001")
                        .add("Paused", "true").add("Reason", reason));
                assertThatThrownBy(() -> pause.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(AmiActionException.class)
                        .hasMessageContaining("Reason").hasMessageContaining("control character").hasMessageNotContaining("Logoff");
            }
            CompletableFuture<ActionResult> badName = client.send(AmiMessage.action("Ping").add("X\r\nAction: Logoff\r\nY", "1"));
            assertThatThrownBy(() -> badName.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(AmiActionException.class);
            // the link is the one it was: nothing logged it off
            assertThat(client.send(AmiMessage.action("Ping")).get(5, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(client.connections()).isEqualTo(1);
            assertThat(connectivity).containsExactly("connected");
        }
    }

    @Test
    void aDroppedConnectionIsMadeAgainAndSaidSo() throws Exception {
        try (AmiClient client = client("acceptance-secret", Duration.ofSeconds(5)).start()) {
            awaitConnected(client, 1);
            pbx.dropConnections();
            awaitConnected(client, 2);
            assertThat(connectivity).containsExactly("connected", "disconnected: connection closed", "connected");
            assertThat(client.send(AmiMessage.action("Ping")).get(5, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
    }

    @Test
    void aStalledLinkIsFoundByTheKeepaliveAndReplaced() throws Exception {
        try (AmiClient client = client("acceptance-secret", Duration.ofMillis(300)).start()) {
            awaitConnected(client, 1);
            pbx.stall(true);
            CompletableFuture<ActionResult> unanswered = client.send(AmiMessage.action("Ping"));
            assertThatThrownBy(() -> unanswered.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(AmiActionException.class).hasMessageContaining("got no answer");
            pbx.stall(false);
            awaitConnected(client, 2);
            assertThat(connectivity).contains("disconnected: connection closed");
        }
    }

    @Test
    void eventsFarBehindAsterisksClockDropTheLinkForAResync() throws Exception {
        try (AmiClient client = new AmiClient(settings("acceptance-secret", Duration.ofSeconds(5))
                .withMaxEventLag(Duration.ofSeconds(10)), new AmiListener() {
                    @Override
                    public void onEvent(AmiMessage event) {
                        events.add(event);
                    }
                }).start()) {
            awaitConnected(client, 1);
            long now = System.currentTimeMillis() / 1000;
            pbx.emit(org.hotline.pbxsim.wire.AmiFrame.event("Newstate").add("Privilege", "call,all").add("Timestamp", now + ".000001")
                    .add("Uniqueid", "1.1").build());
            pbx.emit(org.hotline.pbxsim.wire.AmiFrame.event("Newstate").add("Privilege", "call,all").add("Timestamp", (now - 60) + ".000001")
                    .add("Uniqueid", "1.2").build());
            awaitConnected(client, 2);
            assertThat(events.stream().map(e -> e.getOrEmpty("Uniqueid"))).contains("1.1").doesNotContain("1.2");
        }
    }

    @Test
    void aWrongSecretIsNeverAcceptedAndRetriedWithBackoff() throws Exception {
        try (AmiClient client = client("wrong-secret", Duration.ofSeconds(5)).start()) {
            Thread.sleep(1_000);
            assertThat(client.isConnected()).isFalse();
            assertThat(pbx.loginAttempts()).isBetween(2, 4); // 100, 200, 400 ms apart: no hammering
            assertThatThrownBy(() -> client.send(AmiMessage.action("Ping")).get()).cause()
                    .isInstanceOf(AmiActionException.class).hasMessage("not connected to pbx-a");
        }
    }

    private AmiClient client(String secret, Duration actionTimeout) {
        return new AmiClient(settings(secret, actionTimeout), new AmiListener() {
            @Override
            public void onEvent(AmiMessage event) {
                events.add(event);
            }

            @Override
            public void onConnected(AmiClient client) {
                connectivity.add("connected");
            }

            @Override
            public void onDisconnected(String reason) {
                connectivity.add("disconnected: " + reason);
            }
        });
    }

    private AmiSettings settings(String secret, Duration actionTimeout) {
        return AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", secret)
                .withTimings(actionTimeout, actionTimeout, Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    private static void awaitConnected(AmiClient client, long times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(client.isConnected() && client.connections() >= times)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not connected " + times + " time(s) within 10 s");
            }
            Thread.sleep(20);
        }
        Thread.sleep(50); // let the connected notice reach the listener
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
