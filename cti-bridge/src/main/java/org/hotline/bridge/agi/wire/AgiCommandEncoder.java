package org.hotline.bridge.agi.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.StandardCharsets;

/**
 * AGI commands (one line each, as {@code GET DATA beep 4000 1}) to bytes, ended by LF. A command
 * holding a control character (CR, LF, NUL, ...) is refused, never written: it would be two
 * commands to Asterisk.
 */
@ChannelHandler.Sharable
public final class AgiCommandEncoder extends MessageToByteEncoder<String> {

    @Override
    protected void encode(ChannelHandlerContext ctx, String command, ByteBuf out) {
        org.hotline.bridge.wire.WireText.require("AGI command " + verb(command), command);
        out.writeCharSequence(command, StandardCharsets.UTF_8);
        out.writeByte('\n');
    }

    private static String verb(String command) {
        int space = command.indexOf(' ');
        String first = space < 0 ? command : command.substring(0, space);
        return first.chars().allMatch(c -> c >= 'A' && c <= 'Z') ? first : "?";
    }
}
