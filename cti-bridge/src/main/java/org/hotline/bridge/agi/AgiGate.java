package org.hotline.bridge.agi;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The door of the FastAGI server: a connection from a source not allowed, or one past the
 * limit of sessions (on the server, or from its source), is closed before anything is read, with
 * a log line naming the peer. Counts are given back when a connection closes.
 */
@ChannelHandler.Sharable
final class AgiGate extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AgiGate.class);

    private final AgiSources sources;
    private final AgiLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> bySource = new ConcurrentHashMap<>();

    AgiGate(AgiSources sources, AgiLimits limits) {
        this.sources = sources;
        this.limits = limits;
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        if (!sources.allows(peer)) {
            refuse(ctx, "not in agi.allowed-sources (" + sources + ")");
            return;
        }
        if (open.incrementAndGet() > limits.maxSessions()) {
            open.decrementAndGet();
            refuse(ctx, limits.maxSessions() + " sessions open already (agi.max-sessions)");
            return;
        }
        if (bySource.merge(peer.getAddress(), 1, Integer::sum) > limits.maxSessionsPerSource()) {
            release(peer.getAddress());
            refuse(ctx, limits.maxSessionsPerSource() + " sessions open from this source already (agi.max-sessions-per-source)");
            return;
        }
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
            release(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
            super.channelInactive(ctx);
        }
    }

    private void release(InetAddress source) {
        open.decrementAndGet();
        bySource.merge(source, -1, (n, minus) -> n + minus == 0 ? null : n + minus);
    }

    private static void refuse(ChannelHandlerContext ctx, String why) {
        log.warn("FastAGI: refused the connection from {}: {}", peer(ctx.channel()), why);
        ctx.close();
    }

    private static final io.netty.util.AttributeKey<Boolean> COUNTED = io.netty.util.AttributeKey.valueOf("hotline.agi.counted");

    /** The peer's address and port, for log lines. */
    static String peer(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() + ":" + a.getPort() : "?";
    }
}
