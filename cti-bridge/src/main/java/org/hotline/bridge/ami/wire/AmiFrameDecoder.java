package org.hotline.bridge.ami.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes to AMI frames. Optionally the banner line first ({@link AmiBanner}, on the client side);
 * then frames of {@code Key: Value} lines ended by CR LF, each frame ended by an empty line.
 * A lone LF is accepted as a line end too. A frame longer than the limit is refused with a
 * {@link TooLongFrameException} and skipped up to its end, so the stream goes on.
 */
public final class AmiFrameDecoder extends ByteToMessageDecoder {

    public static final int DEFAULT_MAX_FRAME = 1 << 20;
    private static final int KEPT_SCRATCH = 1 << 20;

    private final int maxFrameLength;
    private boolean expectBanner;
    private boolean discarding;
    private int scanned; // bytes of the current frame already searched for its end
    private byte[] scratch = new byte[64 * 1024]; // what a read brought, copied; grown up to KEPT_SCRATCH and kept

    /** @param expectBanner true on the client side: the first line is the banner */
    public AmiFrameDecoder(boolean expectBanner, int maxFrameLength) {
        this.expectBanner = expectBanner;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (expectBanner) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                return;
            }
            String line = in.readCharSequence(eol - in.readerIndex(), StandardCharsets.UTF_8).toString();
            in.skipBytes(1);
            out.add(new AmiBanner(stripCr(line)));
            expectBanner = false;
        }
        int readable = in.readableBytes();
        if (readable == 0) {
            return;
        }
        // one copy of what was read into an array, then frames are found and parsed from the array
        byte[] bytes = readable <= scratch.length ? scratch : new byte[readable];
        if (readable > scratch.length && readable <= KEPT_SCRATCH) {
            scratch = bytes;
        }
        int base = in.readerIndex();
        in.getBytes(base, bytes, 0, readable);
        int at = 0;
        while (at < readable) {
            int end = frameEnd(bytes, at, readable);
            if (end < 0) {
                if (readable - at > maxFrameLength) {
                    discarding = true;
                    at = readable - 3; // keep a possible partial terminator
                    scanned = 0;
                }
                break;
            }
            int length = end - at;
            int next = afterTerminator(bytes, end, readable);
            scanned = 0;
            if (discarding || length > maxFrameLength) {
                discarding = false;
                at = next;
                ctx.fireExceptionCaught(new TooLongFrameException("AMI frame longer than " + maxFrameLength + " bytes skipped"));
                continue;
            }
            if (length > 0) {
                out.add(parse(bytes, at, end));
            }
            at = next;
        }
        in.readerIndex(base + at);
    }

    /** Index of the empty line ending the frame that starts at {@code start}, or -1 while incomplete. */
    private int frameEnd(byte[] bytes, int start, int limit) {
        int from = Math.max(start, start + scanned - 3);
        for (int i = from; i < limit; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            // a line just ended at i; is the next line empty?
            if (i + 1 < limit && bytes[i + 1] == '\n') {
                return i + 1;
            }
            if (i + 2 < limit && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
                return i + 1;
            }
            if (i == start) { // an empty line before any header: a stray separator
                return start;
            }
            if (i == start + 1 && bytes[start] == '\r') {
                return start;
            }
        }
        scanned = limit - start;
        return -1;
    }

    /** The index after the empty line (CR LF or LF) at {@code at}. */
    private static int afterTerminator(byte[] bytes, int at, int limit) {
        if (at < limit && bytes[at] == '\r') {
            at++;
        }
        if (at < limit && bytes[at] == '\n') {
            at++;
        }
        return at;
    }

    /** Parses a frame's text (its lines, without the empty line that ended it). */
    public static AmiMessage parse(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    /**
     * Parses the frame in {@code bytes[from, to)}: each line's name (one of {@link HeaderNames}'
     * when it is a known one) and where its value is; the values are made when asked.
     */
    static AmiMessage parse(byte[] bytes, int from, int to) {
        byte[] text = Arrays.copyOfRange(bytes, from, to);
        int length = text.length;
        String[] names = new String[24];
        int[] spans = new int[48];
        int count = 0;
        List<String> malformed = List.of();
        boolean allKnown = true;
        int start = 0;
        while (start < length) {
            int colon = -1;
            int eol = start;
            for (; eol < length; eol++) { // one pass: the line's first colon and its end
                byte b = text[eol];
                if (b == '\n') {
                    break;
                }
                if (b == ':' && colon < 0) {
                    colon = eol;
                }
            }
            int next = eol < length ? eol + 1 : length;
            int end = eol > start && text[eol - 1] == '\r' ? eol - 1 : eol;
            if (colon <= start) {
                if (end > start) {
                    if (malformed.isEmpty()) {
                        malformed = new ArrayList<>();
                    }
                    malformed.add(new String(text, start, end - start, StandardCharsets.UTF_8));
                }
            } else {
                String name = HeaderNames.known(text, start, colon - start);
                if (name == null) {
                    allKnown = false;
                    name = new String(text, start, colon - start, StandardCharsets.UTF_8);
                }
                if (count == names.length) {
                    names = Arrays.copyOf(names, count * 2);
                    spans = Arrays.copyOf(spans, count * 4);
                }
                names[count] = name;
                spans[2 * count] = colon + 1 < end && text[colon + 1] == ' ' ? colon + 2 : colon + 1;
                spans[2 * count + 1] = end;
                count++;
            }
            start = next;
        }
        return new AmiMessage(names, count, text, spans, malformed, allKnown);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
