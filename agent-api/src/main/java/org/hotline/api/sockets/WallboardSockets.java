package org.hotline.api.sockets;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.Role;
import org.hotline.api.wallboard.Wallboard;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /ws/wallboard}, for supervisors and above: one snapshot when signed in, then the
 * deltas of every event, computed once and sent as the same text to every viewer.
 */
public final class WallboardSockets {

    private final Vertx vertx;
    private final AccessTokens tokens;
    private final Wallboard wallboard;
    private final List<SocketSession> viewers = new CopyOnWriteArrayList<>();

    public WallboardSockets(Vertx vertx, AccessTokens tokens, Wallboard wallboard) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.wallboard = wallboard;
    }

    /** Follows the events published at these addresses into the wallboard and out to its viewers. */
    public WallboardSockets follow(String... addresses) {
        for (String address : addresses) {
            vertx.eventBus().<org.hotline.events.HotlineEvent>consumer(address, message -> send(wallboard.apply(message.body())));
        }
        return this;
    }

    /** Sends these deltas to every viewer, each encoded once. */
    public void send(List<JsonObject> deltas) {
        for (JsonObject delta : deltas) {
            String text = delta.encode();
            viewers.forEach(viewer -> viewer.send(text));
        }
    }

    public int viewers() {
        return viewers.size();
    }

    public void handle(RoutingContext ctx) {
        ctx.request().toWebSocket().onSuccess(this::open).onFailure(ctx::fail);
    }

    private void open(ServerWebSocket socket) {
        AtomicReference<SocketSession> session = new AtomicReference<>();
        session.set(SocketSession.open(vertx, tokens, socket, Role.SUPERVISOR,
                user -> {
                    session.get().send(wallboard.snapshot());
                    viewers.add(session.get());
                },
                (user, message) -> session.get().send(new JsonObject().put("type", "error").put("detail", "the wallboard only listens")),
                () -> viewers.remove(session.get())));
    }
}
