package org.hotline.bridge.agi.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FastAGI, server side, with limits ({@link TooLongFrameException} when passed: the line, the
 * number of header lines, the bytes of the request or of a usage block): bytes from Asterisk to an {@link AgiRequest} (the {@code agi_*} lines up
 * to the empty line), then {@link AgiReply}s and {@link AgiHangup}s. A {@code 520-} line opens a
 * usage block that the line {@code 520 End of proper usage.} closes; it becomes one reply. Lines
 * end with LF (CR LF accepted); a header line holding another control character is dropped.
 */
public final class AgiDecoder extends ByteToMessageDecoder {

    private final int maxLine;
    private final int maxHeaders;
    private final int maxRequestBytes;

    private Map<String, String> request = new LinkedHashMap<>();
    private int requestBytes;
    private boolean requestDone;
    private StringBuilder usage;
    /** A limit was passed: the connection is being closed, and whatever else arrives is dropped unread. */
    private boolean refused;

    /** The limits Asterisk never comes near: 8 KiB a line, 150 header lines, 32 KiB a request. */
    public AgiDecoder() {
        this(8192, 150, 32 * 1024);
    }

    public AgiDecoder(int maxLine, int maxHeaders, int maxRequestBytes) {
        this.maxLine = maxLine;
        this.maxHeaders = maxHeaders;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeLines(in, out);
        } catch (TooLongFrameException e) {
            refused = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void decodeLines(ByteBuf in, List<Object> out) {
        while (true) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                if (in.readableBytes() > maxLine) {
                    throw new TooLongFrameException("AGI line longer than " + maxLine + " bytes");
                }
                return;
            }
            if (eol - in.readerIndex() > maxLine) {
                throw new TooLongFrameException("AGI line longer than " + maxLine + " bytes");
            }
            if (!requestDone || usage != null) {
                requestBytes += eol - in.readerIndex() + 1;
                if (requestBytes > maxRequestBytes) {
                    throw new TooLongFrameException((requestDone ? "AGI usage block" : "AGI request") + " longer than "
                            + maxRequestBytes + " bytes");
                }
            }
            String line = in.readCharSequence(eol - in.readerIndex(), StandardCharsets.UTF_8).toString();
            in.skipBytes(1);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            Object message = line(line);
            if (message != null) {
                out.add(message);
            }
        }
    }

    private Object line(String line) {
        if (!requestDone) {
            if (line.isEmpty()) {
                requestDone = true;
                AgiRequest done = new AgiRequest(request);
                request = null;
                return done;
            }
            if (request.size() >= maxHeaders) {
                throw new TooLongFrameException("AGI request with more than " + maxHeaders + " header lines");
            }
            int colon = line.indexOf(':');
            if (colon > 0 && org.hotline.bridge.wire.WireText.isSafe(line)) { // a header with a stray CR or NUL is dropped
                String value = line.substring(colon + 1);
                request.put(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
            }
            return null;
        }
        if (usage != null) {
            if (line.startsWith("520 ")) {
                AgiReply reply = AgiReply.usage(usage.toString().strip());
                usage = null;
                requestBytes = 0;
                return reply;
            }
            usage.append(line).append('\n');
            return null;
        }
        if (line.equals("HANGUP")) {
            return AgiHangup.INSTANCE;
        }
        if (line.startsWith("520-")) {
            requestBytes = line.length() + 1;
            usage = new StringBuilder(line.substring(4)).append('\n');
            return null;
        }
        if (line.isEmpty()) {
            return null;
        }
        return AgiReply.parse(line);
    }
}
