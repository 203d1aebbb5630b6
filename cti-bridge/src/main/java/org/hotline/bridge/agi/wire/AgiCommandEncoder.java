package org.hotline.bridge.agi.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.StandardCharsets;

/** AGI commands (one line each, as {@code GET DATA beep 4000 1}) to bytes, ended by LF. */
@ChannelHandler.Sharable
public final class AgiCommandEncoder extends MessageToByteEncoder<String> {

    @Override
    protected void encode(ChannelHandlerContext ctx, String command, ByteBuf out) {
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an AGI command is one line: " + command.replace("\n", "\\n"));
        }
        out.writeCharSequence(command, StandardCharsets.UTF_8);
        out.writeByte('\n');
    }
}
