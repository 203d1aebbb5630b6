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
        EmbeddedChannel channel = decoderOf64Bytes(errors);
        channel.writeInbound(Unpooled.copiedBuffer("Event: Huge\r\nData: " + "x".repeat(500) + "\r\n\r\nEvent: Next\r\n\r\n",
                StandardCharsets.UTF_8));
        AmiMessage next = channel.readInbound();
        assertThat(next.eventName()).contains("Next");
        assertThat(errors).singleElement().isInstanceOf(TooLongFrameException.class);
    }

    @Test
    void aNameIsFoundHoweverAsteriskOrTheAskerSpellsIt() {
        // Asterisk writes BridgeID as well as BridgeId, Holdtime as well as HoldTime
        AmiMessage mixed = (AmiMessage) decode(false, "Event: X\r\nBridgeID: b1\r\nHoldtime: 7\r\nUniqueid: u1\r\n\r\n").getFirst();
        assertThat(mixed.getOrEmpty("BridgeId")).isEqualTo("b1");
        assertThat(mixed.getOrEmpty("HoldTime")).isEqualTo("7");
        assertThat(mixed.getOrEmpty("UNIQUEID")).isEqualTo("u1");
        // a frame of known names only, asked in other spellings and for what it lacks
        AmiMessage known = (AmiMessage) decode(false,
                "Event: Newchannel\r\nUniqueid: u2\r\nChanVariable: A=1\r\nChanVariable: B=2\r\n\r\n").getFirst();
        assertThat(known.getOrEmpty("uniqueid")).isEqualTo("u2");
        assertThat(known.get("Linkedid")).isEmpty();
        assertThat(known.all("chanvariable")).containsExactly("A=1", "B=2");
        assertThat(known.all("ChanVariable")).containsExactly("A=1", "B=2");
        // a name of the asker's own making, equal to a known one but not the same String
        assertThat(known.getOrEmpty(new String("Uniqueid".toCharArray()))).isEqualTo("u2");
    }

    @Test
    void aValueInChineseReadAByteAtATimeIsWhole() {
        AmiMessage m = (AmiMessage) decode(false, "Event: Newchannel\r\nCallerIDName: 张三\r\nX-Own: 值\r\n\r\n").getFirst();
        assertThat(m.getOrEmpty("CallerIDName")).isEqualTo("张三");
        assertThat(m.getOrEmpty("x-own")).isEqualTo("值");
    }

    @Test
    void manyFramesInOneReadAndAnOversizedOneInPiecesAreAllRead() {
        List<Throwable> errors = new ArrayList<>();
        EmbeddedChannel channel = decoderOf64Bytes(errors);
        String text = "Event: A\r\n\r\nEvent: B\r\n\r\nEvent: Huge\r\nData: " + "x".repeat(500) + "\r\n\r\nEvent: C\r\n\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += 40) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, Math.min(40, bytes.length - at)));
        }
        List<String> events = new ArrayList<>();
        for (AmiMessage m; (m = channel.readInbound()) != null; ) {
            events.add(m.eventName().orElseThrow());
        }
        assertThat(events).containsExactly("A", "B", "C");
        assertThat(errors).singleElement().isInstanceOf(TooLongFrameException.class);
    }

    /** Values are made from a read frame's bytes when asked; a message built from headers keeps its own, a missing one too. */
    @Test
    void aMessageBuiltWithAHeaderWithoutValueAnswersItAsAbsent() {
        AmiMessage built = new AmiMessage(List.of(new AmiMessage.Header("Event", "Hangup"), new AmiMessage.Header("Cause", null)),
                List.of());
        assertThat(built.get("Event")).contains("Hangup");
        assertThat(built.get("Cause")).isEmpty();
        assertThat(built.getOrEmpty("Cause")).isEmpty();
    }

    @Test
    void secretsAreNotInTheTextOfAMessage() {
        AmiMessage login = AmiMessage.action("Login").add("Username", "hotline").add("Secret", "s3cret").build();
        assertThat(login.toString()).doesNotContain("s3cret").contains("Secret: ****");
    }

    /** A decoder refusing frames over 64 bytes, its errors collected in {@code errors}. */
    private static EmbeddedChannel decoderOf64Bytes(List<Throwable> errors) {
        return new EmbeddedChannel(new AmiFrameDecoder(false, 64), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
            }
        });
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
