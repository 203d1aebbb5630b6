package org.hotline.pbxsim.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** AMI frames to bytes, as Asterisk writes them ({@link AmiFrame#toWire()}). */
public final class AmiFrameWriter extends MessageToByteEncoder<AmiFrame> {

    @Override
    protected void encode(ChannelHandlerContext ctx, AmiFrame frame, ByteBuf out) {
        out.writeBytes(frame.toWire());
    }
}
