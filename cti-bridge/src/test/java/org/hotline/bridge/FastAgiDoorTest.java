package org.hotline.bridge;

import org.hotline.bridge.agi.AgiLimits;
import org.hotline.bridge.agi.AgiScript;
import org.hotline.bridge.agi.AgiScripts;
import org.hotline.bridge.agi.AgiServer;
import org.hotline.bridge.wire.WireText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FastAGI server's door, probed over real TCP as anyone who reaches the port would: sources
 * not allowed, lines and requests past their limits, too many sessions, and a command that would
 * be two on the wire. Each is closed (or refused) without the script running.
 */
class FastAgiDoorTest {

    private static final String REQUEST = "agi_network: yes\nagi_network_script: hotline\nagi_channel: PJSIP/x-1\n"
            + "agi_uniqueid: 1.1\nagi_callerid: 13800138000\n\n";

    private final AtomicInteger runs = new AtomicInteger();
    private final AgiScript counting = session -> {
        runs.incrementAndGet();
        return session.command("ANSWER").thenApply(r -> null);
    };

    @Test
    void aSourceNotAllowedIsClosedBeforeItsRequestIsRead() throws Exception {
        try (AgiServer server = server(org.hotline.bridge.agi.AgiSources.of(List.of("10.9.9.9", "192.168.0.0/16")), AgiLimits.DEFAULTS);
             Socket socket = connect(server)) {
            send(socket, REQUEST);
            assertThat(readToEnd(socket)).as("nothing answered, connection closed").isEmpty();
            assertThat(runs).hasValue(0);
            assertThat(server.sessions()).isZero();
        }
    }

    @Test
    void aLoopbackSourceIsLetInWhenAllowed() throws Exception {
        try (AgiServer server = server(org.hotline.bridge.agi.AgiSources.of(List.of("127.0.0.0/8")), AgiLimits.DEFAULTS);
             Socket socket = connect(server)) {
            send(socket, REQUEST);
            assertThat(readLine(socket)).isEqualTo("ANSWER");
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void aHeaderLineLongerThanTheLimitClosesTheConnectionEvenInOnePiece() throws Exception {
        try (AgiServer server = server(org.hotline.bridge.agi.AgiSources.loopback(), AgiLimits.DEFAULTS);
             Socket socket = connect(server)) {
            send(socket, "agi_network: yes\nagi_callerid: " + "9".repeat(9 * 1024) + "\nagi_network_script: hotline\n\n");
            assertThat(readToEnd(socket)).isEmpty();
            assertThat(runs).hasValue(0);
        }
    }

    @Test
    void endlessHeaderLinesAreCutAtTheLimit() throws Exception {
        try (AgiServer server = server(org.hotline.bridge.agi.AgiSources.loopback(), AgiLimits.DEFAULTS);
             Socket socket = connect(server)) {
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 151; i++) {
                many.append("agi_x").append(i).append(": y\n");
            }
            send(socket, many.toString());
            assertThat(readToEnd(socket)).isEmpty();
            assertThat(runs).hasValue(0);
        }
        AgiLimits small = new AgiLimits(1024, 1000, 2048, 10, 10);
        try (AgiServer server = server(org.hotline.bridge.agi.AgiSources.loopback(), small); Socket socket = connect(server)) {
            StringBuilder lines = new StringBuilder(); // lines without a colon count against the request's bytes
            for (int i = 0; i < 300; i++) {
                lines.append("no colon here\n");
            }
            send(socket, lines.toString());
            assertThat(readToEnd(socket)).isEmpty();
        }
    }

    @Test
    void sessionsPastTheLimitsAreRefusedAndCountedBackWhenTheyClose() throws Exception {
        AgiLimits two = new AgiLimits(8192, 150, 32 * 1024, 2, 2);
        try (AgiServer server = server(org.hotline.bridge.agi.AgiSources.loopback(), two)) {
            Socket first = connect(server);
            Socket second = connect(server);
            Await.until(() -> server.sessions() == 2);
            try (Socket third = connect(server)) {
                assertThat(readToEnd(third)).as("the third is closed at once").isEmpty();
            }
            first.close();
            Await.until(() -> server.sessions() == 1);
            try (Socket fourth = connect(server)) {
                send(fourth, REQUEST);
                assertThat(readLine(fourth)).isEqualTo("ANSWER");
            }
            second.close();
        }
        AgiLimits onePerSource = new AgiLimits(8192, 150, 32 * 1024, 10, 1);
        try (AgiServer server = server(org.hotline.bridge.agi.AgiSources.loopback(), onePerSource); Socket first = connect(server)) {
            Await.until(() -> server.sessions() == 1);
            try (Socket second = connect(server)) {
                assertThat(readToEnd(second)).isEmpty();
            }
        }
    }

    @Test
    void aCommandWithALineBreakIsNeverWritten() throws Exception {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        AgiScript injecting = session -> session.command("SET VARIABLE X \"a\"\nEXEC System \"rm -rf /\"")
                .handle((reply, failure) -> refused.complete(failure))
                .thenCompose(x -> session.command("VERBOSE \"after\" 1")).thenApply(r -> null);
        try (AgiServer server = new AgiServer("127.0.0.1", 0, AgiScripts.of(Map.of("hotline", injecting)), Duration.ofSeconds(30));
             Socket socket = connect(server)) {
            send(socket, REQUEST);
            assertThat(readLine(socket)).as("the next line Asterisk gets is the next command").isEqualTo("VERBOSE \"after\" 1");
            assertThat(refused.get(5, TimeUnit.SECONDS)).isInstanceOf(WireText.Refused.class)
                    .hasMessageContaining("control character LF");
        }
    }

    private AgiServer server(org.hotline.bridge.agi.AgiSources sources, AgiLimits limits) throws InterruptedException {
        return new AgiServer("127.0.0.1", 0, AgiScripts.of(Map.of("hotline", counting)), Duration.ofSeconds(30), sources, limits);
    }

    private static Socket connect(AgiServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (SocketException closedMeanwhile) {
            // the server may close while we write: what it answered is what the test reads
        }
    }

    private static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    /** Everything the server sends until it closes (a reset counts as closed). */
    private static String readToEnd(Socket socket) throws IOException {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketException reset) {
            return "";
        }
    }
}
