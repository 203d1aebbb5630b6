package org.hotline.bridge;

import org.hotline.bridge.agi.AgiScript;
import org.hotline.bridge.agi.AgiServer;
import org.hotline.bridge.agi.wire.AgiReply;
import org.hotline.pbxsim.agi.AgiCall;
import org.hotline.pbxsim.agi.AgiCallScript;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The FastAGI server and pbx-sim's Asterisk side, over TCP, replaying the recorded sessions. */
class FastAgiTest {

    @Test
    void anIvrSessionAsRecordedInAgi01() throws Exception {
        List<AgiReply> seen = new CopyOnWriteArrayList<>();
        List<String> sent = replay("agi-01-ivr-then-queue.txt", new AgiCallScript("hotline", "Local/4008@ivr-then-queue-00000019;2",
                "1795357096.51", "13800138000", "Zhang San", "2", -1), seen, new CompletableFuture<>());
        assertThat(sent).isEqualTo(fromAsterisk("agi-01-ivr-then-queue.txt"));
        assertThat(seen.get(2).result()).contains(2);
    }

    @Test
    void aCallerHangingUpMidFlowAsRecordedInAgi02() throws Exception {
        CompletableFuture<Boolean> hungUpSeen = new CompletableFuture<>();
        List<AgiReply> seen = new CopyOnWriteArrayList<>();
        List<String> sent = replay("agi-02-hangup-during-ivr.txt", new AgiCallScript("hotline",
                "Local/4008@ivr-then-queue-0000001b;2", "1795357128.55", "13500135000", "Sun Qi", "", 3), seen, hungUpSeen);
        assertThat(sent).isEqualTo(fromAsterisk("agi-02-hangup-during-ivr.txt"));
        assertThat(hungUpSeen.get()).as("the script saw the hangup").isTrue();
        assertThat(seen.stream().filter(AgiReply::isDeadChannel)).hasSize(2);
    }

    @Test
    void anUnknownScriptIsToldAndTheCallGoesOnInTheDialplan() throws Exception {
        try (AgiServer server = new AgiServer("127.0.0.1", 0, Map.of(), Duration.ofSeconds(30))) {
            List<String> exchange = new AgiCall(new AgiCallScript("nonesuch", "Local/4008@x;2", "1.1", "13800138000", "X", "", -1))
                    .run("127.0.0.1", server.port());
            assertThat(exchange).contains("> VERBOSE \"Hotline has no AGI script 'nonesuch'\" 1");
        }
    }

    /** Runs the transcript's commands, in order, as a script; returns what the simulated Asterisk sent (no thread ids). */
    private static List<String> replay(String transcript, AgiCallScript call, List<AgiReply> seen,
                                       CompletableFuture<Boolean> hungUpSeen) throws Exception {
        List<String> commands = lines(transcript).stream().filter(l -> l.startsWith("> ")).map(l -> l.substring(2)).toList();
        AgiScript script = session -> {
            CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
            for (String command : commands) {
                chain = chain.thenCompose(x -> session.command(command)).thenAccept(seen::add);
            }
            return chain.thenRun(() -> hungUpSeen.complete(session.hungUp()));
        };
        try (AgiServer server = new AgiServer("127.0.0.1", 0, Map.of("hotline", script), Duration.ofSeconds(30))) {
            return withoutThreadId(new AgiCall(call).run("127.0.0.1", server.port()).stream()
                    .filter(l -> l.startsWith("< ")).toList());
        }
    }

    private static List<String> fromAsterisk(String transcript) throws IOException {
        return withoutThreadId(lines(transcript).stream().filter(l -> l.startsWith("<")).map(l -> l.equals("<") ? "< " : l).toList());
    }

    private static List<String> withoutThreadId(List<String> lines) {
        return lines.stream().map(l -> l.startsWith("< agi_threadid:") ? "< agi_threadid: *" : l).toList();
    }

    private static List<String> lines(String transcript) throws IOException {
        try (InputStream in = FastAgiTest.class.getClassLoader().getResourceAsStream("asterisk-traces/" + transcript)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
