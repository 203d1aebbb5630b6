package org.hotline.bridge.agi;

import io.netty.channel.Channel;
import org.hotline.bridge.agi.wire.AgiReply;
import org.hotline.bridge.agi.wire.AgiRequest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * One FastAGI session: the request Asterisk sent, and the commands the script sends, one after
 * another, each answered by a future (no thread waits). A HANGUP from Asterisk is noted
 * ({@link #hungUp()}, {@link #onHangup()}); the session goes on, since some commands still
 * answer on a dead channel and the script may want to record what the caller did.
 */
public final class AgiSession {

    private final AgiRequest request;
    private final Channel channel;
    private final Deque<CompletableFuture<AgiReply>> waiting = new ArrayDeque<>();
    private final CompletableFuture<Void> hangup = new CompletableFuture<>();

    AgiSession(AgiRequest request, Channel channel) {
        this.request = request;
        this.channel = channel;
    }

    public AgiRequest request() {
        return request;
    }

    /** Where the session comes from (the Asterisk server). */
    public java.net.SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** Sends one command ({@code GET DATA beep 4000 1}); completes with Asterisk's reply, or fails if the connection is gone. */
    public CompletableFuture<AgiReply> command(String command) {
        CompletableFuture<AgiReply> reply = new CompletableFuture<>();
        try {
            org.hotline.bridge.wire.WireText.require("AGI command", command);
        } catch (org.hotline.bridge.wire.WireText.Refused refused) {
            reply.completeExceptionally(refused); // never written (it would be two commands), and no reply is awaited for it
            return reply;
        }
        if (channel.eventLoop().inEventLoop()) {
            send(command, reply); // a flow continuing from the previous reply: no hand-over needed
        } else {
            channel.eventLoop().execute(() -> send(command, reply));
        }
        return reply;
    }

    private void send(String command, CompletableFuture<AgiReply> reply) {
        if (!channel.isActive()) {
            reply.completeExceptionally(new IllegalStateException("the AGI connection is closed"));
            return;
        }
        waiting.addLast(reply);
        channel.writeAndFlush(command);
    }

    public boolean hungUp() {
        return hangup.isDone();
    }

    /** Completes when the caller hangs up. */
    public CompletableFuture<Void> onHangup() {
        return hangup;
    }

    // --- called on the event loop by the server ---

    void replied(AgiReply reply) {
        CompletableFuture<AgiReply> next = waiting.pollFirst();
        if (next != null) {
            next.complete(reply);
        }
    }

    void hungUpNow() {
        hangup.complete(null);
    }

    void closed() {
        hangup.complete(null);
        while (!waiting.isEmpty()) {
            waiting.pollFirst().completeExceptionally(new IllegalStateException("the AGI connection closed before the reply"));
        }
    }

    void close() {
        channel.close();
    }
}
