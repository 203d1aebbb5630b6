package org.hotline.bridge.ami.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * AMI frames to bytes, as {@link AmiMessage#toWire()} writes them; a frame with a control
 * character in a header ({@link AmiMessage#checkWireSafe()}) is refused, never written, so no
 * value can smuggle a second action onto the link.
 */
@ChannelHandler.Sharable
public final class AmiFrameEncoder extends MessageToByteEncoder<AmiMessage> {

    @Override
    protected void encode(ChannelHandlerContext ctx, AmiMessage message, ByteBuf out) {
        out.writeBytes(message.checkWireSafe().toWire());
    }
}
