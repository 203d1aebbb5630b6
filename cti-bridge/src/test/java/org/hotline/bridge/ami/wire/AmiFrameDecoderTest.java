package org.hotline.bridge.ami.wire;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AmiFrameDecoderTest {

    @Test
    void aLineThatIsNotKeyValueIsKeptAndTheFrameStillRead() {
        List<Object> out = decode(false, "Event: Weird\r\nthis line has no colon\r\nUniqueid: 1.2\r\n\r\n");
        AmiMessage message = (AmiMessage) out.getFirst();
        assertThat(message.eventName()).contains("Weird");
        assertThat(message.getOrEmpty("uniqueid")).isEqualTo("1.2");
        assertThat(message.malformedLines()).containsExactly("this line has no colon");
    }

    @Test
    void lineFeedsAloneAndStrayEmptyLinesAreAccepted() {
        List<Object> out = decode(false, "\r\nEvent: A\nX: 1\n\n\r\nEvent: B\r\n\r\n");
        assertThat(out).extracting(m -> ((AmiMessage) m).eventName().orElseThrow()).containsExactly("A", "B");
    }

    @Test
    void repeatedKeysAndEmptyValuesAreKept() {
        AmiMessage m = (AmiMessage) decode(false, "Event: Status\r\nVariable: A=1\r\nVariable: B=2\r\nPausedReason: \r\n\r\n").getFirst();
        assertThat(m.all("Variable")).containsExactly("A=1", "B=2");
        assertThat(m.get("PausedReason")).contains("");
        assertThat(new String(m.toWire(), StandardCharsets.UTF_8))
                .isEqualTo("Event: Status\r\nVariable: A=1\r\nVariable: B=2\r\nPausedReason: \r\n\r\n");
    }

    @Test
    void anOversizedFrameIsSkippedAndReportedAndTheNextOneIsRead() {
        List<Throwable> errors = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new AmiFrameDecoder(false, 64), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
            }
        });
        channel.writeInbound(Unpooled.copiedBuffer("Event: Huge\r\nData: " + "x".repeat(500) + "\r\n\r\nEvent: Next\r\n\r\n",
                StandardCharsets.UTF_8));
        AmiMessage next = channel.readInbound();
        assertThat(next.eventName()).contains("Next");
        assertThat(errors).singleElement().isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void secretsAreNotInTheTextOfAMessage() {
        AmiMessage login = AmiMessage.action("Login").add("Username", "hotline").add("Secret", "s3cret").build();
        assertThat(login.toString()).doesNotContain("s3cret").contains("Secret: ****");
    }

    private static List<Object> decode(boolean banner, String text) {
        EmbeddedChannel channel = new EmbeddedChannel(new AmiFrameDecoder(banner, AmiFrameDecoder.DEFAULT_MAX_FRAME));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) { // one byte at a time: the hardest chunking
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<Object> out = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            out.add(m);
        }
        return out;
    }
}
