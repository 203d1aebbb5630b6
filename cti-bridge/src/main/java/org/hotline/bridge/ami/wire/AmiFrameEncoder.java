package org.hotline.bridge.ami.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** AMI frames to bytes, as {@link AmiMessage#toWire()} writes them. */
@ChannelHandler.Sharable
public final class AmiFrameEncoder extends MessageToByteEncoder<AmiMessage> {

    @Override
    protected void encode(ChannelHandlerContext ctx, AmiMessage message, ByteBuf out) {
        out.writeBytes(message.toWire());
    }
}
