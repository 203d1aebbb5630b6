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
 * FastAGI, server side: bytes from Asterisk to an {@link AgiRequest} (the {@code agi_*} lines up
 * to the empty line), then {@link AgiReply}s and {@link AgiHangup}s. A {@code 520-} line opens a
 * usage block that the line {@code 520 End of proper usage.} closes; it becomes one reply. Lines
 * end with LF (CR LF accepted).
 */
public final class AgiDecoder extends ByteToMessageDecoder {

    private static final int MAX_LINE = 8192;

    private Map<String, String> request = new LinkedHashMap<>();
    private boolean requestDone;
    private StringBuilder usage;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                if (in.readableBytes() > MAX_LINE) {
                    in.skipBytes(in.readableBytes());
                    throw new TooLongFrameException("AGI line longer than " + MAX_LINE + " bytes");
                }
                return;
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
            int colon = line.indexOf(':');
            if (colon > 0) {
                String value = line.substring(colon + 1);
                request.put(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
            }
            return null;
        }
        if (usage != null) {
            if (line.startsWith("520 ")) {
                AgiReply reply = AgiReply.usage(usage.toString().strip());
                usage = null;
                return reply;
            }
            usage.append(line).append('\n');
            return null;
        }
        if (line.equals("HANGUP")) {
            return AgiHangup.INSTANCE;
        }
        if (line.startsWith("520-")) {
            usage = new StringBuilder(line.substring(4)).append('\n');
            return null;
        }
        if (line.isEmpty()) {
            return null;
        }
        return AgiReply.parse(line);
    }
}
