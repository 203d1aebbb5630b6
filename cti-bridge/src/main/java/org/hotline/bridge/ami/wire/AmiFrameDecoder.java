package org.hotline.bridge.ami.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes to AMI frames. Optionally the banner line first ({@link AmiBanner}, on the client side);
 * then frames of {@code Key: Value} lines ended by CR LF, each frame ended by an empty line.
 * A lone LF is accepted as a line end too. A frame longer than the limit is refused with a
 * {@link TooLongFrameException} and skipped up to its end, so the stream goes on.
 */
public final class AmiFrameDecoder extends ByteToMessageDecoder {

    public static final int DEFAULT_MAX_FRAME = 1 << 20;

    private final int maxFrameLength;
    private boolean expectBanner;
    private boolean discarding;
    private int scanned; // bytes of the current frame already searched for its end

    /** @param expectBanner true on the client side: the first line is the banner */
    public AmiFrameDecoder(boolean expectBanner, int maxFrameLength) {
        this.expectBanner = expectBanner;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (expectBanner) {
                int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                if (eol < 0) {
                    return;
                }
                String line = in.readCharSequence(eol - in.readerIndex(), StandardCharsets.UTF_8).toString();
                in.skipBytes(1);
                out.add(new AmiBanner(stripCr(line)));
                expectBanner = false;
                continue;
            }
            int end = frameEnd(in);
            if (end < 0) {
                if (in.readableBytes() > maxFrameLength) {
                    discarding = true;
                    in.skipBytes(in.readableBytes() - 3); // keep a possible partial terminator
                    scanned = 0;
                }
                return;
            }
            int length = end - in.readerIndex();
            if (discarding || length > maxFrameLength) {
                in.readerIndex(end);
                skipTerminator(in);
                discarding = false;
                scanned = 0;
                ctx.fireExceptionCaught(new TooLongFrameException("AMI frame longer than " + maxFrameLength + " bytes skipped"));
                continue;
            }
            String frame = in.readCharSequence(length, StandardCharsets.UTF_8).toString();
            skipTerminator(in);
            scanned = 0;
            if (!frame.isEmpty()) {
                out.add(parse(frame));
            }
        }
    }

    /** Index of the empty line ending the frame at the reader index, or -1 while incomplete. */
    private int frameEnd(ByteBuf in) {
        int start = in.readerIndex();
        int from = Math.max(start, start + scanned - 3);
        int limit = in.writerIndex();
        for (int i = from; i < limit; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            // a line just ended at i; is the next line empty?
            if (i + 1 < limit && in.getByte(i + 1) == '\n') {
                return i + 1;
            }
            if (i + 2 < limit && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') {
                return i + 1;
            }
            if (i == start) { // an empty line before any header: a stray separator
                return start;
            }
            if (i == start + 1 && in.getByte(start) == '\r') {
                return start;
            }
        }
        scanned = limit - start;
        return -1;
    }

    /** Skips the empty line (CR LF or LF) at the reader index. */
    private static void skipTerminator(ByteBuf in) {
        if (in.isReadable() && in.getByte(in.readerIndex()) == '\r') {
            in.skipBytes(1);
        }
        if (in.isReadable() && in.getByte(in.readerIndex()) == '\n') {
            in.skipBytes(1);
        }
    }

    /** Parses a frame's text (its lines, without the empty line that ended it): a name and a value string a line, nothing more. */
    public static AmiMessage parse(String frame) {
        List<AmiMessage.Header> headers = new ArrayList<>(16);
        List<String> malformed = List.of();
        int start = 0;
        int length = frame.length();
        while (start < length) {
            int eol = frame.indexOf('\n', start);
            int next = eol < 0 ? length : eol + 1;
            int end = eol < 0 ? length : eol;
            if (end > start && frame.charAt(end - 1) == '\r') {
                end--;
            }
            int colon = frame.indexOf(':', start, end);
            if (colon <= start) {
                if (end > start) {
                    if (malformed.isEmpty()) {
                        malformed = new ArrayList<>();
                    }
                    malformed.add(frame.substring(start, end));
                }
            } else {
                int valueStart = colon + 1 < end && frame.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
                headers.add(new AmiMessage.Header(frame.substring(start, colon), frame.substring(valueStart, end)));
            }
            start = next;
        }
        return new AmiMessage(headers, malformed);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
