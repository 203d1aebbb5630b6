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
 * ({@code sub}), name and role. Every node of the API that shares the secret accepts them.
 */
public final class AccessTokens {

    private static final String ISSUER = "hotline";

    private final JWTAuth jwt;
    private final Duration ttl;

    public AccessTokens(Vertx vertx, String secret, Duration ttl) {
        if (ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("an access token lives at least a second, not " + ttl); // 0 would mean: never expires
        }
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER)));
        this.ttl = ttl;
    }

    public String issue(User user) {
        return jwt.generateToken(new JsonObject().put("sub", String.valueOf(user.id())).put("name", user.username())
                        .put("role", user.role().dbName()),
                new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setExpiresInSeconds((int) ttl.toSeconds()));
    }

    public Duration ttl() {
        return ttl;
    }

    /** The user a token names, if it is ours, well signed and not expired. */
    public Future<User> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token)).map(principal -> {
            JsonObject claims = principal.principal();
            return new User(Long.parseLong(claims.getString("sub")), claims.getString("name"), claims.getString("name"),
                    Role.fromDb(claims.getString("role")));
        });
    }

    /** The provider itself, for Vert.x's JWT route handler. */
    public JWTAuth provider() {
        return jwt;
    }
}
