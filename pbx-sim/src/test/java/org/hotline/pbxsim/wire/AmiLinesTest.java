package org.hotline.pbxsim.wire;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** pbx-sim's own AMI reading, as Asterisk's manager reads actions. */
class AmiLinesTest {

    @Test
    void linesUpToAnEmptyLineAreOneFrameWhateverTheLineEnds() {
        EmbeddedChannel channel = channel();
        write(channel, "Action: Login\r\nUsername: hotline\nSecret: s3cret\r\n\r\nAction: Ping\r\nActionID: 7\r\n\r\n");

        AmiFrame login = channel.readInbound();
        AmiFrame ping = channel.readInbound();
        assertThat(login.getOrEmpty("Action")).isEqualTo("Login");
        assertThat(login.getOrEmpty("secret")).as("names compare without case").isEqualTo("s3cret");
        assertThat(ping.actionId()).contains("7");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aLineLongerThanAsteriskReadsDiscardsItsWholeMessage() {
        EmbeddedChannel channel = channel();
        write(channel, "Action: Setvar\r\nValue: " + "x".repeat(2_000) + "\r\nVariable: A\r\n\r\nAction: Ping\r\n\r\n");

        AmiFrame next = channel.readInbound();
        assertThat(next.getOrEmpty("Action")).isEqualTo("Ping");
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aFrameIsWrittenAsAsteriskWritesIt() {
        AmiFrame frame = AmiFrame.response("Success").add("ActionID", "1").add("Message", "Authentication accepted").build();
        assertThat(new String(frame.toWire(), StandardCharsets.UTF_8))
                .isEqualTo("Response: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\n");
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new LineBasedFrameDecoder(1024), new StringDecoder(StandardCharsets.UTF_8), new AmiLines());
    }

    private static void write(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }
}
