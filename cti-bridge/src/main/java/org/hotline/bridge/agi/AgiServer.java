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
 * call goes on in the dialplan. Only {@link AgiSources allowed sources} get a session, within
 * {@link AgiLimits}; every refusal is a log line naming the peer.
 */
public final class AgiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgiServer.class);

    private final AgiScripts scripts;
    private final Duration idleLimit;
    private final AgiGate gate;
    private static final boolean EPOLL = io.netty.channel.epoll.Epoll.isAvailable();

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, ioHandler());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, ioHandler());
    private final Channel server;

    /** On loopback sources only, with the default limits (tests and benchmarks). */
    public AgiServer(String host, int port, Map<String, AgiScript> scripts, Duration idleLimit) throws InterruptedException {
        this(host, port, AgiScripts.of(scripts), idleLimit);
    }

    /** On loopback sources only, with the default limits (tests and benchmarks). */
    public AgiServer(String host, int port, AgiScripts scripts, Duration idleLimit) throws InterruptedException {
        this(host, port, scripts, idleLimit, AgiSources.loopback(), AgiLimits.DEFAULTS);
    }

    /**
     * Listens on {@code host:port}; a port that cannot be had fails with {@link IllegalStateException}
     * saying why (its message: "Address already in use"), and leaves no thread behind.
     */
    public AgiServer(String host, int port, AgiScripts scripts, Duration idleLimit, AgiSources sources, AgiLimits limits)
            throws InterruptedException {
        this.scripts = scripts;
        this.idleLimit = idleLimit;
        this.gate = new AgiGate(sources, limits);
        AgiCommandEncoder encoder = new AgiCommandEncoder();
        try {
            this.server = new ServerBootstrap().group(boss, workers)
                    .channel(EPOLL ? io.netty.channel.epoll.EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(gate, new IdleStateHandler(0, 0, idleLimit.toMillis(), TimeUnit.MILLISECONDS),
                                    new AgiDecoder(limits.maxLineBytes(), limits.maxHeaders(), limits.maxRequestBytes()), encoder,
                                    new SessionHandler());
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).sync().channel();
        } catch (InterruptedException e) {
            shutDownThreads();
            throw e;
        } catch (Exception e) { // Netty rethrows the bind's java.net.BindException unchecked
            shutDownThreads();
            // the native transport says "bind(..) failed with error(-98): Address already in use"
            String reason = String.valueOf(e.getMessage()).replaceFirst("^bind\\(\\.\\.\\) failed with error\\(-?\\d+\\): ", "");
            throw new IllegalStateException(reason, e);
        }
    }

    private void shutDownThreads() {
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Sessions open now. */
    public int sessions() {
        return gate.open();
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
        shutDownThreads();
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
            if (session != null) {
                return; // one request per connection
            }
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
                log.warn("FastAGI: session {} from {} idle for {} s; closing it", session == null ? "?" : session.request().uniqueid(),
                        AgiGate.peer(ctx.channel()), idleLimit.toSeconds());
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
            Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            log.warn("FastAGI: closing the connection from {}: {}", AgiGate.peer(ctx.channel()), root.getMessage());
            ctx.close();
        }
    }
}
