package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.hotline.bridge.ami.wire.AmiBanner;
import org.hotline.bridge.ami.wire.AmiFrameDecoder;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire codec against every recording of a real Asterisk 22. */
class RecordedTracesTest {

    @ParameterizedTest
    @ValueSource(strings = {"01-queue-answered", "02-queue-abandoned", "03-ring-no-answer-then-answered",
            "04-callback-originate", "05-pause-status-queries", "06-ivr-then-queue", "07-hangup-during-ivr"})
    void decodingInAnyChunksAndEncodingAgainGivesTheRecordingByteForByte(String name) {
        AmiTrace trace = AmiTrace.load("asterisk-traces/" + name + ".ami");
        assertThat(new AmiBanner(trace.banner()).version()).isEqualTo("11.0.0");
        assertThat(Frames.messages(trace.frames())).allSatisfy(f -> assertThat(f.malformedLines()).isEmpty());
        assertThat(Frames.messages(trace.frames())).filteredOn(AmiMessage::isResponse).allSatisfy(r -> assertThat(r.actionId()).isPresent());

        Random random = new Random(name.hashCode());
        EmbeddedChannel channel = new EmbeddedChannel(new AmiFrameDecoder(true, AmiFrameDecoder.DEFAULT_MAX_FRAME));
        byte[] raw = trace.raw();
        for (int at = 0; at < raw.length; ) {
            int size = Math.min(raw.length - at, 1 + random.nextInt(64));
            channel.writeInbound(Unpooled.wrappedBuffer(raw, at, size));
            at += size;
        }
        List<Object> decoded = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            decoded.add(m);
        }
        assertThat(decoded.getFirst()).isEqualTo(new AmiBanner("Asterisk Call Manager/11.0.0"));
        List<AmiMessage> frames = decoded.subList(1, decoded.size()).stream().map(AmiMessage.class::cast).toList();
        assertThat(frames).extracting(AmiMessage::headers).isEqualTo(Frames.messages(trace.frames()).stream().map(AmiMessage::headers).toList());

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        again.writeBytes((trace.banner() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        frames.forEach(f -> again.writeBytes(f.toWire()));
        assertThat(again.toByteArray()).isEqualTo(raw);
    }
}
