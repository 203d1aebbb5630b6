package org.hotline.bridge.ami.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import org.hotline.bridge.ami.wire.AmiBanner;
import org.hotline.bridge.ami.wire.AmiFrameDecoder;
import org.hotline.bridge.ami.wire.AmiFrameEncoder;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection to one Asterisk's AMI, kept up: logs in with the configured secret and event
 * mask, pings to find a dead or stalled link, reconnects with backoff, and tells its listener
 * when it is connected (resync then) or not. Actions never block: each returns a future that
 * completes with the response (and the events of a list action) or fails after the timeout.
 * Events reach the listener on a thread of their own, so a slow listener never stalls the
 * socket or the answers to actions (asterisk-java issue #161).
 */
public final class AmiClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiClient.class);

    private final AmiSettings settings;
    private final AmiListener listener;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService dispatcher;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong actionIds = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile Channel channel;
    private volatile boolean loggedIn;
    private volatile boolean closed;
    private int failedAttempts;
    private ScheduledFuture<?> pinger;

    public AmiClient(AmiSettings settings, AmiListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.dispatcher = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("ami-events-" + settings.name())
                .daemon().unstarted(r));
    }

    /** Starts connecting; returns at once. */
    public AmiClient start() {
        connect();
        return this;
    }

    public boolean isConnected() {
        return loggedIn;
    }

    /** Runs {@code work} on the thread that delivers events, after the events handed over before it. */
    public void runOnEventThread(Runnable work) {
        dispatcher.execute(work);
    }

    /** How many times this client has logged in. */
    public long connections() {
        return connections.get();
    }

    /** Sends an action; the future completes with its response. */
    public CompletableFuture<ActionResult> send(AmiMessage.Builder action) {
        return send(action, false);
    }

    /**
     * Sends an action under an ActionID of the caller's choosing (unique on this connection), so
     * that later events carrying it (OriginateResponse) can be matched to it.
     */
    public CompletableFuture<ActionResult> send(String actionId, AmiMessage.Builder action) {
        Channel current = channel;
        if (!loggedIn || current == null) {
            return CompletableFuture.failedFuture(new AmiActionException("not connected to " + settings.name()));
        }
        return write(current, action, false, actionId);
    }

    /** Sends a list action (QueueStatus, QueueSummary, CoreShowChannels, Status): response and events. */
    public CompletableFuture<ActionResult> sendForList(AmiMessage.Builder action) {
        return send(action, true);
    }

    private CompletableFuture<ActionResult> send(AmiMessage.Builder action, boolean list) {
        Channel current = channel;
        if (!loggedIn || current == null) {
            return CompletableFuture.failedFuture(new AmiActionException("not connected to " + settings.name()));
        }
        return write(current, action, list);
    }

    private CompletableFuture<ActionResult> write(Channel current, AmiMessage.Builder action, boolean list) {
        return write(current, action, list, settings.name() + "-" + actionIds.incrementAndGet());
    }

    private CompletableFuture<ActionResult> write(Channel current, AmiMessage.Builder action, boolean list, String actionId) {
        AmiMessage message = action.add("ActionID", actionId).build();
        Pending p = new Pending(list);
        pending.put(actionId, p);
        p.timeout = current.eventLoop().schedule(() -> {
            if (pending.remove(actionId) != null) {
                p.future.completeExceptionally(new AmiActionException(message.getOrEmpty("Action") + " got no answer from "
                        + settings.name() + " within " + settings.actionTimeout().toMillis() + " ms"));
            }
        }, settings.actionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        current.writeAndFlush(message).addListener(f -> {
            if (!f.isSuccess() && pending.remove(actionId) != null) {
                // the encoder refuses a frame with a control character (WireText): say why, not the wrapper
                Throwable cause = f.cause() instanceof io.netty.handler.codec.EncoderException && f.cause().getCause() != null
                        ? f.cause().getCause() : f.cause();
                p.future.completeExceptionally(new AmiActionException("could not send " + message.getOrEmpty("Action")
                        + " to " + settings.name() + ": " + cause.getMessage()));
            }
        });
        return p.future;
    }

    private void connect() {
        if (closed) {
            return;
        }
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.actionTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new AmiFrameDecoder(true, AmiFrameDecoder.DEFAULT_MAX_FRAME), new AmiFrameEncoder(),
                                new Handler());
                    }
                })
                .connect(settings.host(), settings.port())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        disconnected("cannot connect to " + settings.host() + ":" + settings.port() + ": " + f.cause().getMessage());
                    }
                });
    }

    /** Called on the event loop when the link is gone or could not be made: reconnect after the backoff. */
    private void disconnected(String reason) {
        boolean wasUp = loggedIn;
        loggedIn = false;
        channel = null;
        if (pinger != null) {
            pinger.cancel(false);
            pinger = null;
        }
        pending.forEach((id, p) -> p.future.completeExceptionally(new AmiActionException("connection to " + settings.name()
                + " lost before the answer")));
        pending.clear();
        if (closed) {
            return;
        }
        failedAttempts++;
        long delay = Math.min(settings.reconnectMax().toMillis(),
                settings.reconnectMin().toMillis() << Math.min(failedAttempts - 1, 16));
        if (wasUp || failedAttempts == 1) {
            log.warn("AMI {} ({}:{}): {}; reconnecting in {} ms", settings.name(), settings.host(), settings.port(), reason, delay);
        }
        if (wasUp) {
            dispatcher.execute(() -> listener.onDisconnected(reason));
        }
        group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void loggedIn(Channel ch) {
        loggedIn = true;
        failedAttempts = 0;
        connections.incrementAndGet();
        log.info("AMI {}: logged in to {}:{} as {}", settings.name(), settings.host(), settings.port(), settings.user());
        long every = settings.pingInterval().toMillis();
        pinger = ch.eventLoop().scheduleAtFixedRate(() -> write(ch, AmiMessage.action("Ping"), false).whenComplete((r, e) -> {
            if (e != null && ch.isActive()) {
                log.warn("AMI {}: keepalive failed ({}); dropping the link", settings.name(), e.getMessage());
                ch.close();
            }
        }), every, every, TimeUnit.MILLISECONDS);
        dispatcher.execute(() -> listener.onConnected(this));
    }

    @Override
    public void close() {
        closed = true;
        Channel current = channel;
        if (current != null) {
            current.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        dispatcher.shutdown();
    }

    /** An action waiting for its answer. */
    private static final class Pending {
        final CompletableFuture<ActionResult> future = new CompletableFuture<>();
        final boolean list;
        final List<AmiMessage> events = new ArrayList<>();
        AmiMessage response;
        ScheduledFuture<?> timeout;

        Pending(boolean list) {
            this.list = list;
        }

        void complete(AmiMessage response) {
            timeout.cancel(false);
            future.complete(new ActionResult(response, List.copyOf(events)));
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {

        /** Events read from one socket read, handed to the listener's thread together: one wake-up per read. */
        private List<AmiMessage> batch = new ArrayList<>();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object message) {
            if (message instanceof AmiBanner) {
                login(ctx.channel());
            } else if (message instanceof AmiMessage frame) {
                read(frame);
            }
        }

        private void login(Channel ch) {
            write(ch, AmiMessage.action("Login").add("Username", settings.user()).add("Secret", settings.secret())
                    .add("Events", settings.eventMask()), false).whenComplete((result, error) -> {
                        if (error == null && result.isSuccess()) {
                            loggedIn(ch);
                        } else {
                            log.error("AMI {}: login as {} refused: {}", settings.name(), settings.user(),
                                    error != null ? error.getMessage() : result.message());
                            ch.close();
                        }
                    });
        }

        private void read(AmiMessage frame) {
            String actionId = frame.actionId().orElse(null);
            Pending p = actionId == null ? null : pending.get(actionId);
            if (p == null) {
                if (frame.isEvent()) {
                    if (lagging(frame)) {
                        return;
                    }
                    batch.add(frame);
                }
                return;
            }
            if (frame.isResponse()) {
                boolean listFollows = p.list && frame.getOrEmpty("EventList").equalsIgnoreCase("start");
                if (listFollows) {
                    p.response = frame;
                } else {
                    pending.remove(actionId);
                    p.complete(frame);
                }
            } else if (frame.isEvent()) {
                p.events.add(frame);
                if (frame.getOrEmpty("EventList").equalsIgnoreCase("Complete")) {
                    pending.remove(actionId);
                    p.complete(p.response != null ? p.response : frame);
                }
            }
        }

        /** Events this far behind Asterisk's own clock ({@code Timestamp:}) mean the link is stalled: drop it. */
        private boolean lagging(AmiMessage event) {
            String timestamp = event.getOrEmpty("Timestamp");
            if (timestamp.isEmpty()) {
                return false;
            }
            try {
                double sent = Double.parseDouble(timestamp);
                double lagSeconds = System.currentTimeMillis() / 1000.0 - sent;
                if (lagSeconds * 1000 > settings.maxEventLag().toMillis()) {
                    log.warn("AMI {}: events arrive {} s behind Asterisk's clock; dropping the link to resync", settings.name(),
                            Math.round(lagSeconds));
                    Channel ch = channel;
                    if (ch != null) {
                        ch.close();
                    }
                    return true;
                }
            } catch (NumberFormatException e) {
                // not Asterisk's seconds.micros: ignore
            }
            return false;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            handOver();
            ctx.fireChannelReadComplete();
        }

        private void handOver() {
            if (!batch.isEmpty()) {
                List<AmiMessage> events = batch;
                batch = new ArrayList<>();
                dispatcher.execute(() -> events.forEach(AmiClient.this::deliver));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handOver();
            disconnected("connection closed");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
                log.warn("AMI {} ({}): {}", settings.name(), ctx.channel().remoteAddress(), cause.getMessage());
                return;
            }
            log.warn("AMI {} ({}): {}", settings.name(), ctx.channel().remoteAddress(), cause.getMessage());
            ctx.close();
        }
    }

    private void deliver(AmiMessage event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("AMI {}: the event listener failed on {}: {}", settings.name(), event.getOrEmpty("Event"), e.toString());
        }
    }
}
