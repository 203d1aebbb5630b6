package org.hotline.pbxsim.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines to AMI frames, as Asterisk's manager reads actions: after a line splitter (Netty's
 * {@code LineBasedFrameDecoder}, which bounds a line's length), lines gather until an empty
 * line ends the frame. A line too long for the splitter discards its whole message, as
 * Asterisk does ("Discarding message ... Line too long"); lines past the most a message may
 * hold are dropped.
 */
public final class AmiLines extends MessageToMessageDecoder<String> {

    /** Asterisk's manager keeps at most 128 header lines of an action. */
    public static final int MAX_LINES = 128;

    private final List<String> lines = new ArrayList<>();
    private boolean discarding;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
            discarding = true;
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, String line, List<Object> out) {
        if (!line.isEmpty()) {
            if (lines.size() < MAX_LINES) {
                lines.add(line);
            }
            return;
        }
        if (!lines.isEmpty() && !discarding) {
            out.add(AmiFrame.parse(String.join("\n", lines)));
        }
        lines.clear();
        discarding = false;
    }
}
