package org.hotline.bridge.agi;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.hotline.bridge.agi.wire.AgiCommandEncoder;
import org.hotline.bridge.agi.wire.AgiDecoder;
import org.hotline.bridge.agi.wire.AgiHangup;
import org.hotline.bridge.agi.wire.AgiReply;
import org.hotline.bridge.agi.wire.AgiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The FastAGI server Asterisk's {@code AGI(agi://host:4573/<script>)} connects to: non-blocking
 * (Netty; no thread per call), no read timeout but an idle limit, the script picked by name.
 * An unknown script gets a VERBOSE line naming the problem and the connection is closed, so the
 * call goes on in the dialplan.
 */
public final class AgiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgiServer.class);

    private final AgiScripts scripts;
    private final Duration idleLimit;
    private static final boolean EPOLL = io.netty.channel.epoll.Epoll.isAvailable();

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, ioHandler());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, ioHandler());
    private final Channel server;

    public AgiServer(String host, int port, Map<String, AgiScript> scripts, Duration idleLimit) throws InterruptedException {
        this(host, port, AgiScripts.of(scripts), idleLimit);
    }

    public AgiServer(String host, int port, AgiScripts scripts, Duration idleLimit) throws InterruptedException {
        this.scripts = scripts;
        this.idleLimit = idleLimit;
        this.server = new ServerBootstrap().group(boss, workers)
                .channel(EPOLL ? io.netty.channel.epoll.EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, idleLimit.toMillis(), TimeUnit.MILLISECONDS),
                                new AgiDecoder(), new AgiCommandEncoder(), new SessionHandler());
                    }
                })
                .bind(new InetSocketAddress(host, port)).sync().channel();
    }

    private static io.netty.channel.IoHandlerFactory ioHandler() {
        return EPOLL ? io.netty.channel.epoll.EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private final class SessionHandler extends SimpleChannelInboundHandler<Object> {
        private AgiSession session;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object message) {
            switch (message) {
                case AgiRequest request -> start(ctx, request);
                case AgiReply reply -> {
                    if (session != null) {
                        session.replied(reply);
                    }
                }
                case AgiHangup hangup -> {
                    if (session != null) {
                        session.hungUpNow();
                    }
                }
                default -> { }
            }
        }

        private void start(ChannelHandlerContext ctx, AgiRequest request) {
            session = new AgiSession(request, ctx.channel());
            AgiScript script = scripts.script(request.script()).orElse(null);
            if (script == null) {
                log.warn("FastAGI: no script '{}' (known: {}); the call goes on in the dialplan", request.script(), scripts.names());
                session.command("VERBOSE \"Hotline has no AGI script '" + request.script().replace("\"", "") + "'\" 1")
                        .whenComplete((r, e) -> session.close());
                return;
            }
            AgiSession running = session;
            try {
                script.run(running).whenComplete((r, e) -> {
                    if (e != null) {
                        log.warn("FastAGI script '{}' failed on {}: {}", request.script(), request.uniqueid(), e.toString());
                    }
                    running.close();
                });
            } catch (RuntimeException e) {
                log.warn("FastAGI script '{}' failed on {}: {}", request.script(), request.uniqueid(), e.toString());
                running.close();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                log.warn("FastAGI: session {} idle for {} s; closing it", session == null ? "?" : session.request().uniqueid(),
                        idleLimit.toSeconds());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (session != null) {
                session.closed();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("FastAGI: {}", cause.getMessage());
            ctx.close();
        }
    }
}
