package org.hotline.api.sockets;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.User;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /ws/agent}: an agent's live channel. No token in the URL: the first message must be
 * {@code {"type":"auth","token":"<access token>"}} (within 10 s, else the socket closes with
 * 4401); the same message later refreshes the token on the open socket. A socket whose token
 * runs out without a refresh is closed with 4401. The server sends {@code {"seq", "type",
 * "payload"}} messages; {@code {"type":"resume","after":N}} asks for those after N (a
 * {@code "gap"} says some were too old to be kept).
 */
public final class AgentSockets {

    private static final Duration AUTH_WITHIN = Duration.ofSeconds(10);
    private static final short UNAUTHORIZED = 4401;

    private final Vertx vertx;
    private final AccessTokens tokens;
    private final AgentInbox inbox;

    public AgentSockets(Vertx vertx, AccessTokens tokens, AgentInbox inbox) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.inbox = inbox;
    }

    public void handle(RoutingContext ctx) {
        ctx.request().toWebSocket().onSuccess(this::open).onFailure(ctx::fail);
    }

    private void open(ServerWebSocket socket) {
        AtomicReference<User> user = new AtomicReference<>();
        AtomicReference<Runnable> unsubscribe = new AtomicReference<>(() -> { });
        AtomicLong expiry = new AtomicLong(vertx.setTimer(AUTH_WITHIN.toMillis(), t -> close(socket, "no auth message")));
        socket.textMessageHandler(text -> {
            JsonObject message;
            try {
                message = new JsonObject(text);
            } catch (DecodeException e) {
                send(socket, new JsonObject().put("type", "error").put("detail", "messages are JSON objects"));
                return;
            }
            switch (message.getString("type", "")) {
                case "auth" -> tokens.verify(message.getString("token", "")).onComplete(verified -> {
                    if (verified.failed()) {
                        close(socket, "invalid or expired token");
                        return;
                    }
                    User who = verified.result();
                    if (user.get() != null && user.get().id() != who.id()) {
                        close(socket, "a socket belongs to one user");
                        return;
                    }
                    vertx.cancelTimer(expiry.get());
                    expiry.set(vertx.setTimer(tokens.ttl().toMillis(), t -> close(socket, "token expired; send a fresh one")));
                    if (user.getAndSet(who) == null) {
                        unsubscribe.set(inbox.subscribe(who.id(), m -> send(socket, m)));
                    }
                    send(socket, new JsonObject().put("type", "ready").put("agentId", who.id()).put("seq", inbox.latest(who.id())));
                });
                case "resume" -> {
                    if (user.get() == null) {
                        close(socket, "auth first");
                        return;
                    }
                    AgentInbox.Missed missed = inbox.since(user.get().id(), message.getLong("after", 0L));
                    if (missed.gap()) {
                        send(socket, new JsonObject().put("type", "gap").put("latest", missed.latest()));
                    }
                    missed.messages().forEach(m -> send(socket, m));
                }
                default -> send(socket, new JsonObject().put("type", "error").put("detail", "unknown message type"));
            }
        });
        socket.closeHandler(v -> {
            vertx.cancelTimer(expiry.get());
            unsubscribe.get().run();
        });
    }

    private static void send(ServerWebSocket socket, JsonObject message) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(message.encode());
        }
    }

    private static void close(ServerWebSocket socket, String reason) {
        if (!socket.isClosed()) {
            socket.close(UNAUTHORIZED, reason);
        }
    }
}
