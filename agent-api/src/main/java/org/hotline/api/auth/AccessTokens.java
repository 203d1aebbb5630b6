package org.hotline.api.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.time.Duration;

/**
 * Short-lived access tokens: JWTs signed with HS256 (vertx-auth-jwt) carrying the user's id
 * ({@code sub}), name, role and login ({@code sid}). Every node of the API that shares the
 * secret accepts them while their login lasts: with a {@link LoginCheck}, a token whose login
 * was logged out or revoked (or whose user was deactivated) is refused at once, before it expires,
 * and a token naming no login is refused.
 */
public final class AccessTokens {

    private static final String ISSUER = "hotline";

    /** A token whose login has ended (logged out, revoked, its user deactivated) or that names none. */
    public static final class LoginEnded extends RuntimeException {
        LoginEnded(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether a login still counts; asked on every use of a token. */
    @FunctionalInterface
    public interface LoginCheck {
        Future<Boolean> active(java.util.UUID login, long userId);

        /** Of these logins (each with its user), those that no longer count; by default asked one at a time. */
        default Future<java.util.Set<java.util.UUID>> ended(java.util.Map<java.util.UUID, Long> logins) {
            java.util.Set<java.util.UUID> ended = java.util.concurrent.ConcurrentHashMap.newKeySet();
            return Future.all(logins.entrySet().stream().map(e -> active(e.getKey(), e.getValue()).onSuccess(active -> {
                if (!active) {
                    ended.add(e.getKey());
                }
            })).toList()).map(all -> ended);
        }
    }

    /** How often the logins of open sockets are asked about. */
    public static final Duration LOGIN_CHECK = Duration.ofSeconds(5);

    private final JWTAuth jwt;
    private final Duration ttl;
    private final LoginCheck logins;
    private final LoginWatch watch;

    /** Tokens checked by signature and expiry alone (tests and benchmarks that make their own). */
    public AccessTokens(Vertx vertx, String secret, Duration ttl) {
        this(vertx, secret, ttl, null);
    }

    public AccessTokens(Vertx vertx, String secret, Duration ttl, LoginCheck logins) {
        if (ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("an access token lives at least a second, not " + ttl); // 0 would mean: never expires
        }
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER)));
        this.ttl = ttl;
        this.logins = logins;
        this.watch = logins == null ? null : new LoginWatch(vertx, logins, LOGIN_CHECK);
    }

    /**
     * Watches the login of {@code verifiedToken} (one that {@link #verify} accepted) on behalf of
     * an open socket: {@code onEnded} runs once it has ended, found out within {@link #LOGIN_CHECK}
     * together with every other socket's; the returned action stops watching. Without a
     * {@link LoginCheck} there is nothing to watch.
     */
    public Runnable watch(String verifiedToken, long userId, Runnable onEnded) {
        if (watch == null) {
            return () -> { };
        }
        String[] parts = verifiedToken.split("\\.");
        JsonObject claims = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8));
        return watch.watch(java.util.UUID.fromString(claims.getString("sid")), userId, onEnded);
    }

    /** A token of no login (only accepted where no {@link LoginCheck} is set). */
    public String issue(User user) {
        return issue(user, null);
    }

    public String issue(User user, java.util.UUID login) {
        JsonObject claims = new JsonObject().put("sub", String.valueOf(user.id())).put("name", user.username())
                .put("role", user.role().dbName());
        if (login != null) {
            claims.put("sid", login.toString());
        }
        return jwt.generateToken(claims,
                new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setExpiresInSeconds((int) ttl.toSeconds()));
    }

    public Duration ttl() {
        return ttl;
    }

    /** The user a token names, if it is ours, well signed, not expired, and its login still counts. */
    public Future<User> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token)).compose(principal -> {
            JsonObject claims = principal.principal();
            User user = new User(Long.parseLong(claims.getString("sub")), claims.getString("name"), claims.getString("name"),
                    Role.fromDb(claims.getString("role")));
            if (logins == null) {
                return Future.succeededFuture(user);
            }
            java.util.UUID login;
            try {
                login = java.util.UUID.fromString(String.valueOf(claims.getString("sid")));
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new LoginEnded("the token names no login"));
            }
            return logins.active(login, user.id()).compose(active -> active ? Future.succeededFuture(user)
                    : Future.failedFuture(new LoginEnded("the login of this token has ended")));
        });
    }

    /** The provider itself, for Vert.x's JWT route handler. */
    public JWTAuth provider() {
        return jwt;
    }
}
