package org.hotline.api.sockets;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.User;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The sign-in every Hotline socket shares: no token in the URL; the first message must be
 * {@code {"type":"auth","token":"<access token>"}} within 10 s (else close 4401); the same message
 * later refreshes the token on the open socket; a socket whose token runs out without a refresh
 * closes with 4401; so does one whose login ends (logout, a replayed refresh token, the user
 * deactivated: found out within {@link AccessTokens#LOGIN_CHECK}, every socket's login asked about
 * together); a user below the socket's role gets 4403.
 * Other messages go to {@code onMessage} once signed in.
 */
final class SocketSession {

    static final short UNAUTHORIZED = 4401;
    static final short FORBIDDEN = 4403;
    private static final Duration AUTH_WITHIN = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final AccessTokens tokens;
    private final ServerWebSocket socket;
    private User user;
    private long expiry;
    private Runnable stopWatching = () -> { };

    private SocketSession(Vertx vertx, AccessTokens tokens, ServerWebSocket socket) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.socket = socket;
    }

    /**
     * @param signedIn  called once, with the user, when the first auth succeeds
     * @param onMessage the user's other messages
     * @param onClose   when the socket closes (after a sign-in or not)
     */
    static SocketSession open(Vertx vertx, AccessTokens tokens, ServerWebSocket socket, Role atLeast, Consumer<User> signedIn,
                              BiConsumer<User, JsonObject> onMessage, Runnable onClose) {
        SocketSession session = new SocketSession(vertx, tokens, socket);
        session.expiry = vertx.setTimer(AUTH_WITHIN.toMillis(), t -> session.close(UNAUTHORIZED, "no auth message"));
        socket.textMessageHandler(text -> {
            JsonObject message;
            try {
                message = new JsonObject(text);
            } catch (DecodeException e) {
                session.send(new JsonObject().put("type", "error").put("detail", "messages are JSON objects"));
                return;
            }
            if (message.getString("type", "").equals("auth")) {
                session.authenticate(message.getString("token", ""), atLeast, signedIn);
            } else if (session.user == null) {
                session.close(UNAUTHORIZED, "auth first");
            } else {
                onMessage.accept(session.user, message);
            }
        });
        socket.closeHandler(v -> {
            vertx.cancelTimer(session.expiry);
            session.stopWatching.run();
            onClose.run();
        });
        return session;
    }

    private void authenticate(String token, Role atLeast, Consumer<User> signedIn) {
        tokens.verify(token).onComplete(verified -> {
            if (socket.isClosed()) {
                return; // gone while the token was checked: nothing to sign in, nothing to watch
            }
            if (verified.failed()) {
                close(UNAUTHORIZED, "invalid or expired token");
                return;
            }
            User who = verified.result();
            if (user != null && user.id() != who.id()) {
                close(UNAUTHORIZED, "a socket belongs to one user");
                return;
            }
            if (!who.role().atLeast(atLeast)) {
                close(FORBIDDEN, "your role may not open this socket");
                return;
            }
            vertx.cancelTimer(expiry);
            expiry = vertx.setTimer(tokens.ttl().toMillis(), t -> close(UNAUTHORIZED, "token expired; send a fresh one"));
            boolean first = user == null;
            user = who;
            // only an ended login closes the socket: a database that does not answer for a moment does not
            stopWatching.run();
            stopWatching = tokens.watch(token, who.id(), () -> close(UNAUTHORIZED, "the login has ended"));
            if (first) {
                signedIn.accept(who);
            } else {
                send(new JsonObject().put("type", "ready").put("userId", who.id()));
            }
        });
    }

    void send(JsonObject message) {
        send(message.encode());
    }

    void send(String text) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(text);
        }
    }

    void close(short code, String reason) {
        if (!socket.isClosed()) {
            socket.close(code, reason);
        }
    }
}
