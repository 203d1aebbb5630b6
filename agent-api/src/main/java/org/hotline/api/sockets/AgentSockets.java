package org.hotline.api.sockets;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.Role;

import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /ws/agent}: an agent's live channel, signed in as every socket is ({@link SocketSession}).
 * The server sends {@code {"seq", "type", "payload"}} messages; {@code {"type":"resume","after":N}}
 * asks for those after N (a {@code "gap"} message says some were too old to be kept).
 */
public final class AgentSockets {

    private final Vertx vertx;
    private final AccessTokens tokens;
    private final AgentMessages inbox;

    public AgentSockets(Vertx vertx, AccessTokens tokens, AgentMessages inbox) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.inbox = inbox;
    }

    public void handle(RoutingContext ctx) {
        ctx.request().toWebSocket().onSuccess(this::open).onFailure(ctx::fail);
    }

    private void open(ServerWebSocket socket) {
        AtomicReference<Runnable> unsubscribe = new AtomicReference<>(() -> { });
        AtomicReference<SocketSession> session = new AtomicReference<>();
        session.set(SocketSession.open(vertx, tokens, socket, Role.AGENT,
                user -> {
                    unsubscribe.set(inbox.subscribe(user.id(), session.get()::send));
                    inbox.latest(user.id()).onComplete(latest -> session.get().send(new JsonObject().put("type", "ready")
                            .put("agentId", user.id()).put("seq", latest.succeeded() ? latest.result() : null)));
                },
                (user, message) -> {
                    if (!message.getString("type", "").equals("resume")) {
                        session.get().send(new JsonObject().put("type", "error").put("detail", "unknown message type"));
                        return;
                    }
                    inbox.since(user.id(), message.getLong("after", 0L)).onSuccess(missed -> {
                        if (missed.gap()) {
                            session.get().send(new JsonObject().put("type", "gap").put("latest", missed.latest()));
                        }
                        missed.messages().forEach(session.get()::send);
                    }).onFailure(e -> session.get().send(new JsonObject().put("type", "error").put("detail", "cannot resume now")));
                },
                () -> unsubscribe.get().run()));
    }
}
