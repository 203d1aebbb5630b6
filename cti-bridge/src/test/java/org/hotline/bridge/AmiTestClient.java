package org.hotline.bridge;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.hotline.bridge.ami.wire.AmiFrameDecoder;
import org.hotline.bridge.ami.wire.AmiFrameEncoder;
import org.hotline.bridge.ami.wire.AmiMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare AMI connection over TCP for tests: what arrives is queued, in order. */
final class AmiTestClient implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final Channel channel;

    AmiTestClient(int port) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new AmiFrameDecoder(true, AmiFrameDecoder.DEFAULT_MAX_FRAME), new AmiFrameEncoder(),
                                new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                        received.add(msg);
                                    }
                                });
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
    }

    void send(AmiMessage action) {
        channel.writeAndFlush(action);
    }

    Object next() throws InterruptedException {
        Object message = received.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("nothing arrived within 10 s");
        }
        return message;
    }

    AmiMessage nextMessage() throws InterruptedException {
        return (AmiMessage) next();
    }

    List<AmiMessage> next(int count) throws InterruptedException {
        List<AmiMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(nextMessage());
        }
        return messages;
    }

    /** Everything received and not read yet, without waiting. */
    List<AmiMessage> drained() {
        List<Object> all = new ArrayList<>();
        received.drainTo(all);
        return all.stream().filter(AmiMessage.class::isInstance).map(AmiMessage.class::cast).toList();
    }

    /** Nothing more arrives within {@code millis}. */
    boolean quietFor(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
