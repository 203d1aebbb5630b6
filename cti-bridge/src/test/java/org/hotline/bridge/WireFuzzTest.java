package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.hotline.bridge.agi.wire.AgiDecoder;
import org.hotline.bridge.agi.wire.AgiReply;
import org.hotline.bridge.agi.wire.AgiRequest;
import org.hotline.bridge.ami.wire.AmiFrameDecoder;
import org.hotline.bridge.ami.wire.AmiMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the AMI and FastAGI decoders (jqwik), seeded from the recorded
 * traces: the recordings mutated (bytes flipped, CR, LF, colons and NULs put in, cut short,
 * repeated) and cut into random chunks, and plain random bytes. Whatever comes in, a decoder
 * either reads it or refuses it with {@link TooLongFrameException} (the connection is then
 * closed); nothing else is thrown, no value read keeps a line feed, and a well-formed stream
 * reads the same however it is chunked. The budget is {@code jqwik.tries.default}
 * (junit-platform.properties: a few hundred tries in the suite; the README gives a longer run).
 */
class WireFuzzTest {

    private static final List<String> AMI_TRACES = List.of("01-queue-answered.ami", "02-queue-abandoned.ami",
            "03-ring-no-answer-then-answered.ami", "04-callback-originate.ami", "05-pause-status-queries.ami", "06-ivr-then-queue.ami",
            "07-hangup-during-ivr.ami");
    private static final List<String> AGI_TRANSCRIPTS = List.of("agi-01-ivr-then-queue.txt", "agi-02-hangup-during-ivr.txt");

    @Property
    void amiTracesMutatedAndChunkedAreReadOrRefusedCleanly(@ForAll("amiMutations") byte[] stream, @ForAll("chunks") List<Integer> cuts) {
        for (Object message : decodeAmi(stream, cuts)) {
            if (!(message instanceof AmiMessage frame)) {
                continue; // the banner
            }
            // a line ends at LF: a value keeps no LF (a stray CR inside a value is data, and is refused if ever written back)
            frame.headers().forEach(h -> assertThat(h.name() + ": " + h.value()).doesNotContain("\n"));
            frame.malformedLines().forEach(l -> assertThat(l).doesNotContain("\n"));
            // written back, it reads as the same frame, or it is refused whole (never two frames)
            byte[] again;
            try {
                again = frame.checkWireSafe().toWire();
            } catch (org.hotline.bridge.wire.WireText.Refused refused) {
                continue;
            }
            if (!frame.headers().isEmpty() && frame.malformedLines().isEmpty()) {
                List<Object> reread = decode(new EmbeddedChannel(new AmiFrameDecoder(false, AmiFrameDecoder.DEFAULT_MAX_FRAME)), again,
                        List.of(again.length));
                assertThat(reread).hasSize(1);
                assertThat(((AmiMessage) reread.getFirst()).headers()).isEqualTo(frame.headers());
            }
        }
    }

    @Property
    void anAmiTraceReadsTheSameHoweverItIsChunked(@ForAll("amiTraceNames") String trace, @ForAll("chunks") List<Integer> cuts) {
        AmiTrace recorded = AmiTrace.load("asterisk-traces/" + trace);
        List<Object> read = decodeAmi(recorded.raw(), cuts).stream().filter(m -> m instanceof AmiMessage).toList();
        assertThat(read).extracting(m -> ((AmiMessage) m).headers()).containsExactlyElementsOf(
                Frames.messages(recorded.frames()).stream().map(AmiMessage::headers).toList());
    }

    @Property
    void randomBytesIntoAmi(@ForAll byte[] garbage, @ForAll("chunks") List<Integer> cuts) {
        decodeAmi(garbage, cuts);
    }

    @Property
    void agiTranscriptsMutatedAndChunkedAreReadOrRefusedCleanly(@ForAll("agiMutations") byte[] stream,
                                                                 @ForAll("chunks") List<Integer> cuts) {
        for (Object message : decodeAgi(stream, cuts)) {
            if (message instanceof AgiRequest request) {
                request.headers().forEach((k, v) -> assertThat(k + v).doesNotContain("\r", "\n"));
            } else if (message instanceof AgiReply reply) {
                assertThat(reply.line()).doesNotContain("\n");
            }
        }
    }

    @Property
    void randomBytesIntoAgi(@ForAll byte[] garbage, @ForAll("chunks") List<Integer> cuts) {
        decodeAgi(garbage, cuts);
    }

    @Provide
    Arbitrary<String> amiTraceNames() {
        return Arbitraries.of(AMI_TRACES);
    }

    @Provide
    Arbitrary<byte[]> amiMutations() {
        return mutationsOf(AMI_TRACES.stream().map(t -> AmiTrace.load("asterisk-traces/" + t).raw()).toList());
    }

    @Provide
    Arbitrary<byte[]> agiMutations() {
        return mutationsOf(AGI_TRANSCRIPTS.stream().map(WireFuzzTest::asteriskSide).toList());
    }

    @Provide
    Arbitrary<List<Integer>> chunks() {
        return Arbitraries.integers().between(1, 4096).list().ofMinSize(1).ofMaxSize(40);
    }

    /** A recording with a few mutations: bytes replaced (often by CR, LF, ':', NUL), inserted, cut, or a stretch repeated. */
    private static Arbitrary<byte[]> mutationsOf(List<byte[]> seeds) {
        Arbitrary<Byte> nasty = Arbitraries.oneOf(Arbitraries.of((byte) '\r', (byte) '\n', (byte) ':', (byte) 0, (byte) ' ', (byte) '-'),
                Arbitraries.bytes());
        Arbitrary<Tuple.Tuple3<Integer, Double, Byte>> edit = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.doubles().between(0, 1), nasty).as(Tuple::of);
        return Combinators.combine(Arbitraries.of(seeds), edit.list().ofMaxSize(12)).as((seed, edits) -> {
            List<Byte> bytes = new ArrayList<>(seed.length);
            for (byte b : seed) {
                bytes.add(b);
            }
            for (var e : edits) {
                int at = (int) (e.get2() * bytes.size());
                switch (e.get1()) {
                    case 0 -> { if (!bytes.isEmpty()) bytes.set(Math.min(at, bytes.size() - 1), e.get3()); }
                    case 1 -> bytes.add(at, e.get3());
                    case 2 -> bytes.subList(at, bytes.size()).clear();
                    case 3 -> bytes.addAll(at, new ArrayList<>(bytes.subList(at, Math.min(bytes.size(), at + 200))));
                    default -> { for (int i = 0; i < 9000; i++) bytes.add(at, (byte) 'x'); } // one very long line
                }
            }
            byte[] out = new byte[bytes.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes.get(i);
            }
            return out;
        });
    }

    private static List<Object> decodeAmi(byte[] stream, List<Integer> cuts) {
        return decode(new EmbeddedChannel(new AmiFrameDecoder(true, AmiFrameDecoder.DEFAULT_MAX_FRAME)), stream, cuts);
    }

    private static List<Object> decodeAgi(byte[] stream, List<Integer> cuts) {
        return decode(new EmbeddedChannel(new AgiDecoder()), stream, cuts);
    }

    /** Feeds {@code stream} in chunks of the sizes given (cycled); stops at a refusal, as the server would close. */
    private static List<Object> decode(EmbeddedChannel channel, byte[] stream, List<Integer> cuts) {
        List<Object> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int size = Math.min(cuts.get(i % cuts.size()), stream.length - at);
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(stream, at, size));
            } catch (DecoderException e) {
                assertThat(e).as("the only refusal is a line or frame too long").isInstanceOf(TooLongFrameException.class);
                break;
            } finally {
                for (Object m; (m = channel.readInbound()) != null; ) {
                    out.add(m);
                }
            }
            at += size;
        }
        channel.finishAndReleaseAll();
        return out;
    }

    /** What Asterisk sent in a transcript ({@code < } lines), as bytes with LF line ends. */
    private static byte[] asteriskSide(String transcript) {
        try (InputStream in = WireFuzzTest.class.getClassLoader().getResourceAsStream("asterisk-traces/" + transcript)) {
            StringBuilder text = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("<")) {
                    text.append(line.length() > 2 ? line.substring(2) : "").append('\n');
                }
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
