package org.hotline.pbxsim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.hotline.pbxsim.wire.AmiFrame;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Asterisk stand-in speaking AMI over TCP: the banner, Login (and its failure), Events,
 * Ping, Logoff, and "Invalid/unknown command" for the rest, with Asterisk 22's wording (trace
 * 05). Events are pushed to logged-in connections with {@link #emit(AmiFrame)} or replayed
 * from a recording with {@link #replay(AmiTrace)}.
 */
public final class PbxSim implements AutoCloseable {

    private static final AttributeKey<Session> SESSION = AttributeKey.valueOf("ami-session");

    private final Map<String, String> users;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup sessions = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;
    private volatile Instant bootedAt = Instant.now();
    private final RecordedAnswers recorded = RecordedAnswers.fromTraces();
    private final QueueMembers members = new QueueMembers();
    private final Channels channels = new Channels();
    private final org.hotline.pbxsim.scenario.EventShapes shapes = org.hotline.pbxsim.scenario.EventShapes.recorded();
    private final LiveStatus live = new LiveStatus(channels, members, shapes);
    private volatile boolean recordedStatus;
    private final org.hotline.pbxsim.scenario.Originations originations =
            new org.hotline.pbxsim.scenario.Originations(java.time.Duration.ofMillis(20));
    private final java.util.concurrent.atomic.AtomicInteger loginAttempts = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stalled;
    private final String host;

    /** The first line Asterisk 22 sends on an AMI connection (every trace starts with it). */
    public static final String BANNER = "Asterisk Call Manager/11.0.0";
    /** The longest action line Asterisk's manager reads whole (its input buffer is 1 KB). */
    static final int MAX_LINE = 1024;

    /** Starts listening on 127.0.0.1, on {@code port} (0: a free one), accepting these users and secrets. */
    public PbxSim(int port, Map<String, String> users) throws InterruptedException {
        this("127.0.0.1", port, users);
    }

    /**
     * Starts listening on {@code host} (a loopback address such as 127.0.0.2 plays a second
     * Asterisk host on one machine: its FastAGI sessions come from that address too), on
     * {@code port} (0: a free one), accepting these users and secrets.
     */
    public PbxSim(String host, int port, Map<String, String> users) throws InterruptedException {
        this.host = host;
        this.users = Map.copyOf(users);
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Asterisk's manager reads an action line by line into a 1 KB buffer; a longer line discards the message
                        ch.pipeline().addLast(new io.netty.handler.codec.LineBasedFrameDecoder(MAX_LINE),
                                new io.netty.handler.codec.string.StringDecoder(StandardCharsets.UTF_8),
                                new org.hotline.pbxsim.wire.AmiLines(), new org.hotline.pbxsim.wire.AmiFrameWriter(), new ActionHandler());
                    }
                })
                .bind(new InetSocketAddress(host, port)).sync().channel();
    }

    /** The address it listens on, and the one its FastAGI sessions come from. */
    public String host() {
        return host;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Sends an event to every logged-in connection whose event filter lets it through. */
    public void emit(AmiFrame event) {
        java.util.function.Consumer<AmiFrame> watcher = emitted;
        if (watcher != null) {
            watcher.accept(event);
        }
        channels.seen(event);
        for (Channel channel : sessions) {
            Session session = channel.attr(SESSION).get();
            if (!stalled && session != null && session.loggedIn && session.wants(event)) {
                channel.writeAndFlush(event);
            }
        }
    }

    private volatile java.util.function.Consumer<AmiFrame> emitted;

    /** Tells {@code watcher} of every event just before it is written to the clients (benchmarks time events from here). */
    public PbxSim watchingEmits(java.util.function.Consumer<AmiFrame> watcher) {
        this.emitted = watcher;
        return this;
    }

    /** Sends every event of a recording, in order. */
    public void replay(AmiTrace trace) {
        trace.events().forEach(this::emit);
    }

    /** Fault: closes every connection, as a crashed or restarted Asterisk would. */
    public void dropConnections() {
        sessions.close().awaitUninterruptibly();
    }

    /**
     * Fault: while stalled, nothing is answered or sent (a hung Asterisk, a dead link that TCP
     * has not noticed); what was held back is lost, as it would be.
     */
    public void stall(boolean stalled) {
        this.stalled = stalled;
    }

    /**
     * Answers CoreShowChannels, QueueStatus and QueueSummary (Status always is) with trace 05's recording (a caller waiting for a
     * paused agent) instead of the simulator's own state.
     */
    public PbxSim answerStatusAsRecorded() {
        recordedStatus = true;
        return this;
    }

    /** Every channel of the call {@code linkedid} hangs up (the caller gives up, say), with its Hangup events. */
    public void hangUp(String linkedid) {
        channels.all().stream().filter(c -> c.linkedid().equals(linkedid)).toList()
                .forEach(c -> emit(shapes.hangup(c.name(), c.uniqueid(), c.linkedid())));
    }

    /** Calls in progress now (distinct Linkedids of the live channels). */
    public long activeCalls() {
        return channels.all().stream().map(Channels.Channel::linkedid).distinct().count();
    }

    /** Fault: sends bytes as they are (a malformed frame, garbage) to every logged-in connection. */
    public void sendRaw(String text) {
        emitRaw(io.netty.buffer.Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    /**
     * Fault: Asterisk restarts. The Shutdown event goes out, every connection is closed; the next
     * login gets FullyBooted with a fresh uptime, as after a real restart.
     */
    public void restart() {
        emit(AmiFrame.event("Shutdown").add("Privilege", "system,all").add("Shutdown", "Cleanly").add("Restart", "True").build());
        dropConnections();
        // as Asterisk 22 with the sample's persistentmembers = no: the queues come back empty, and the next
        // FullyBooted tells a fresh uptime
        members.clear();
        bootedAt = Instant.now();
    }

    /** How callbacks this simulator is asked to originate go (customers' numbers, agents). */
    public org.hotline.pbxsim.scenario.Originations originations() {
        return originations;
    }

    /** How many times a Login was tried, right or wrong. */
    public int loginAttempts() {
        return loginAttempts.get();
    }

    /** Connections logged in now. */
    public int loggedIn() {
        return (int) sessions.stream().filter(c -> c.attr(SESSION).get() != null && c.attr(SESSION).get().loggedIn).count();
    }

    @Override
    public void close() {
        originations.close();
        sessions.close().awaitUninterruptibly();
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** What one AMI connection said at login. */
    private static final class Session {
        volatile boolean loggedIn;
        volatile Set<String> eventClasses = Set.of("all");
        volatile String challenge;

        boolean wants(AmiFrame event) {
            if (eventClasses.contains("off")) {
                return false;
            }
            if (eventClasses.contains("all") || eventClasses.contains("on")) {
                return true;
            }
            String privilege = event.getOrEmpty("Privilege");
            for (String cls : privilege.split(",")) {
                if (eventClasses.contains(cls.trim().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }
    }

    private final class ActionHandler extends SimpleChannelInboundHandler<AmiFrame> {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.channel().attr(SESSION).set(new Session());
            sessions.add(ctx.channel());
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes((BANNER + "\r\n").getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, AmiFrame action) {
            if (stalled) {
                return;
            }
            Session session = ctx.channel().attr(SESSION).get();
            String name = action.getOrEmpty("Action").toLowerCase(Locale.ROOT);
            String actionId = action.actionId().orElse(null);
            switch (name) {
                case "login" -> login(ctx, session, action, actionId);
                case "challenge" -> {
                    session.challenge = String.valueOf(100_000_000 + new java.util.Random().nextInt(900_000_000));
                    ctx.writeAndFlush(reply("Success", actionId).add("Challenge", session.challenge).build());
                }
                case "logoff" -> ctx.writeAndFlush(reply("Goodbye", actionId).add("Message", "Thanks for all the fish.").build())
                        .addListener(f -> ctx.close());
                case "ping" -> ctx.writeAndFlush(requireLogin(session, actionId, () -> reply("Success", actionId)
                        .add("Ping", "Pong").add("Timestamp", timestamp()).build()));
                case "events" -> ctx.writeAndFlush(requireLogin(session, actionId, () -> {
                    session.eventClasses = classes(action.getOrEmpty("EventMask"));
                    return reply("Success", actionId).add("Events", session.eventClasses.contains("off") ? "Off" : "On").build();
                }));
                case "coresettings" -> ctx.writeAndFlush(requireLogin(session, actionId, () -> reply("Success", actionId)
                        .add("AMIversion", "11.0.0").add("AsteriskVersion", "22.10.1").add("SystemName", "")
                        .add("CoreMaxCalls", "0").add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "asterisk")
                        .add("CoreRunGroup", "asterisk").add("CoreMaxFilehandles", "0").add("CoreRealTimeEnabled", "No")
                        .add("CoreCDRenabled", "Yes").add("CoreHTTPenabled", "No").build()));
                case "command" -> ctx.writeAndFlush(requireLogin(session, actionId, () -> reply("Success", actionId)
                        .add("Message", "Command output follows")
                        .add("Output", action.getOrEmpty("Command").equals("core show version")
                                ? "Asterisk 22.10.1 built by pbx-sim" : "No such command '" + action.getOrEmpty("Command") + "'")
                        .build()));
                case "hangup", "redirect", "getvar", "setvar" -> ctx.writeAndFlush(requireLogin(session, actionId,
                        () -> onChannel(name, action, actionId)));
                case "originate" -> ctx.writeAndFlush(requireLogin(session, actionId,
                        () -> originations.originate(action, actionId, PbxSim.this::emit)));
                case "queueadd", "queueremove", "queuepause" -> {
                    if (!session.loggedIn) {
                        ctx.writeAndFlush(reply("Error", actionId).add("Message", "Permission denied").build());
                        return;
                    }
                    java.util.List<AmiFrame> answer = switch (name) {
                        case "queueadd" -> members.add(action, actionId);
                        case "queueremove" -> members.remove(action, actionId);
                        default -> members.pause(action, actionId);
                    };
                    ctx.writeAndFlush(answer.getFirst());
                    answer.subList(1, answer.size()).forEach(PbxSim.this::emit); // events go to every connection
                }
                case "queuestatus", "queuesummary", "coreshowchannels", "status" -> {
                    if (!session.loggedIn) {
                        ctx.writeAndFlush(reply("Error", actionId).add("Message", "Permission denied").build());
                    } else {
                        List<AmiFrame> answer = switch (name) {
                            case "coreshowchannels" -> recordedStatus ? recorded.answer(name, actionId) : live.coreShowChannels(actionId);
                            case "queuestatus" -> recordedStatus ? recorded.answer(name, actionId) : live.queueStatus(actionId);
                            case "queuesummary" -> recordedStatus ? recorded.answer(name, actionId) : live.queueSummary(actionId);
                            default -> recorded.answer(name, actionId);
                        };
                        answer.forEach(ctx::write);
                        ctx.flush();
                    }
                }
                default -> ctx.writeAndFlush(requireLogin(session, actionId, () -> reply("Error", actionId)
                        .add("Message", "Invalid/unknown command: " + action.getOrEmpty("Action")
                                + ". Use Action: ListCommands to show available commands.").build()));
            }
        }

        private void login(ChannelHandlerContext ctx, Session session, AmiFrame action, String actionId) {
            loginAttempts.incrementAndGet();
            String secret = users.get(action.getOrEmpty("Username"));
            boolean md5 = action.getOrEmpty("AuthType").equalsIgnoreCase("MD5") && session.challenge != null;
            boolean accepted = secret != null && (md5 ? md5Hex(session.challenge + secret).equalsIgnoreCase(action.getOrEmpty("Key"))
                    : secret.equals(action.getOrEmpty("Secret")));
            if (!accepted) {
                ctx.writeAndFlush(reply("Error", actionId).add("Message", "Authentication failed").build());
                return;
            }
            session.eventClasses = classes(action.get("Events").orElse("on"));
            session.loggedIn = true;
            ctx.write(reply("Success", actionId).add("Message", "Authentication accepted").build());
            AmiFrame booted = AmiFrame.event("FullyBooted").add("Privilege", "system,all")
                    .add("Uptime", String.valueOf(java.time.Duration.between(bootedAt, Instant.now()).toSeconds()))
                    .add("LastReload", String.valueOf(java.time.Duration.between(bootedAt, Instant.now()).toSeconds()))
                    .add("Status", "Fully Booted").build();
            if (session.wants(booted)) {
                ctx.write(booted);
            }
            ctx.flush();
        }

        private AmiFrame requireLogin(Session session, String actionId, java.util.function.Supplier<AmiFrame> answer) {
            return session.loggedIn ? answer.get() : reply("Error", actionId).add("Message", "Permission denied").build();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Hangup, Redirect, Getvar and Setvar on a live channel, with Asterisk 22's answers. */
    private AmiFrame onChannel(String name, AmiFrame action, String actionId) {
        Channels.Channel channel = channels.get(action.getOrEmpty("Channel"));
        if (channel == null) {
            return reply("Error", actionId).add("Message", "No such channel").build();
        }
        return switch (name) {
            case "hangup" -> {
                emit(shapes.hangup(channel.name(), channel.uniqueid(), channel.linkedid()));
                yield reply("Success", actionId).add("Message", "Channel Hungup").build();
            }
            case "redirect" -> reply("Success", actionId).add("Message", "Redirect successful").build();
            case "setvar" -> {
                channel.variables().put(action.getOrEmpty("Variable"), action.getOrEmpty("Value"));
                yield reply("Success", actionId).add("Message", "Variable Set").build();
            }
            default -> reply("Success", actionId).add("Variable", action.getOrEmpty("Variable"))
                    .add("Value", channel.variables().getOrDefault(action.getOrEmpty("Variable"), "")).build();
        };
    }

    private static AmiFrame.Builder reply(String status, String actionId) {
        AmiFrame.Builder reply = AmiFrame.response(status);
        if (actionId != null) {
            reply.add("ActionID", actionId);
        }
        return reply;
    }

    private static Set<String> classes(String mask) {
        Set<String> classes = ConcurrentHashMap.newKeySet();
        for (String part : mask.toLowerCase(Locale.ROOT).split(",")) {
            if (!part.isBlank()) {
                classes.add(part.trim());
            }
        }
        return classes.isEmpty() ? Set.of("off") : classes;
    }

    private static String md5Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends frames already encoded (a benchmark's prepared stream) to every logged-in connection, as fast as TCP takes them. */
    public void emitRaw(io.netty.buffer.ByteBuf frames) {
        for (Channel channel : sessions) {
            Session session = channel.attr(SESSION).get();
            if (session != null && session.loggedIn) {
                channel.writeAndFlush(frames.retainedDuplicate());
            }
        }
        frames.release();
    }

    private static String timestamp() {
        Instant now = Instant.now();
        return now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1000);
    }
}
