package org.hotline.bridge;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.hotline.bridge.agi.wire.AgiCommandEncoder;
import org.hotline.bridge.agi.wire.AgiDecoder;
import org.hotline.bridge.agi.wire.AgiHangup;
import org.hotline.bridge.agi.wire.AgiReply;
import org.hotline.bridge.agi.wire.AgiRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The FastAGI wire codec against the recorded transcripts (agi-01, agi-02). */
class AgiTranscriptsTest {

    @Test
    void theRequestAndRepliesOfAnIvrSession() throws IOException {
        List<Object> decoded = decode("agi-01-ivr-then-queue.txt");
        AgiRequest request = (AgiRequest) decoded.getFirst();
        assertThat(request.headers()).hasSize(22);
        assertThat(request.script()).isEqualTo("hotline");
        assertThat(request.uniqueid()).isEqualTo("1795357096.51");
        assertThat(request.callerId()).isEqualTo("13800138000");
        assertThat(request.get("accountcode")).contains("");

        List<AgiReply> replies = decoded.subList(1, decoded.size()).stream().map(AgiReply.class::cast).toList();
        assertThat(replies).hasSize(commands("agi-01-ivr-then-queue.txt").size());
        assertThat(replies.get(2).result()).contains(2);                      // GET DATA: the caller pressed 2
        assertThat(replies.get(1).text()).isEqualTo("result=0 endpos=3520");  // STREAM FILE
        assertThat(replies.get(4).data()).contains("13800138000");            // GET VARIABLE CALLERID(num)
        assertThat(replies.get(5).data()).contains("Local/4008@ivr-then-queue-00000019;2");
        assertThat(replies.getLast().code()).isEqualTo(510);
        assertThat(replies.getLast().text()).isEqualTo("Invalid or unknown command");
    }

    @Test
    void aHangupArrivesBetweenRepliesAndDeadChannelCommandsAreRefused() throws IOException {
        List<Object> decoded = decode("agi-02-hangup-during-ivr.txt");
        int hangup = decoded.indexOf(AgiHangup.INSTANCE);
        assertThat(hangup).as("HANGUP seen").isPositive();
        assertThat(((AgiReply) decoded.get(hangup - 1)).result()).contains(-1); // GET DATA interrupted
        assertThat(((AgiReply) decoded.get(hangup + 1)).result()).contains(1);  // SET VARIABLE still answered
        assertThat(decoded.stream().filter(AgiReply.class::isInstance).map(AgiReply.class::cast).filter(AgiReply::isDeadChannel))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.text()).isEqualTo("Command Not Permitted on a dead channel or intercept routine"));
    }

    @Test
    void aUsageBlockBecomesOneReplyAndCommandsAreOneLine() {
        EmbeddedChannel channel = new EmbeddedChannel(new AgiDecoder());
        channel.writeInbound(Unpooled.copiedBuffer("agi_network: yes\n\n520-Invalid command syntax.  Proper usage follows:\n"
                + " Usage: GET DATA <file to be streamed> [timeout] [maxdigits]\n520 End of proper usage.\n200 result=0\n",
                StandardCharsets.UTF_8));
        assertThat((Object) channel.readInbound()).isInstanceOf(AgiRequest.class);
        AgiReply usage = channel.readInbound();
        assertThat(usage.code()).isEqualTo(520);
        assertThat(usage.text()).contains("Usage: GET DATA");
        assertThat(((AgiReply) channel.readInbound()).isSuccess()).isTrue();

        EmbeddedChannel out = new EmbeddedChannel(new AgiCommandEncoder());
        out.writeOutbound("GET DATA beep 4000 1");
        io.netty.buffer.ByteBuf written = out.readOutbound();
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("GET DATA beep 4000 1\n");
    }

    /** What Asterisk sent (the {@code <} lines), fed to the decoder in small pieces. */
    private static List<Object> decode(String transcript) throws IOException {
        StringBuilder fromAsterisk = new StringBuilder();
        for (String line : lines(transcript)) {
            if (line.startsWith("< ") || line.equals("<")) {
                fromAsterisk.append(line.length() > 2 ? line.substring(2) : "").append('\n');
            }
        }
        byte[] bytes = fromAsterisk.toString().getBytes(StandardCharsets.UTF_8);
        EmbeddedChannel channel = new EmbeddedChannel(new AgiDecoder());
        for (int at = 0; at < bytes.length; at += 7) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, Math.min(7, bytes.length - at)));
        }
        List<Object> decoded = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            decoded.add(m);
        }
        return decoded;
    }

    private static List<String> commands(String transcript) throws IOException {
        return lines(transcript).stream().filter(l -> l.startsWith("> ")).toList();
    }

    private static List<String> lines(String transcript) throws IOException {
        try (InputStream in = AgiTranscriptsTest.class.getClassLoader().getResourceAsStream("asterisk-traces/" + transcript)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
