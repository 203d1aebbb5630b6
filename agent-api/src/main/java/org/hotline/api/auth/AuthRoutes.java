package org.hotline.api.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /auth/login}, {@code /auth/refresh}, {@code /auth/logout} and {@code GET /me}.
 * Login gives a short-lived access token and a refresh token; a wrong name or password gets the
 * same 401 in the same time. Hashing and the database run off the event loop.
 */
public final class AuthRoutes {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final Users users;
    private final AccessTokens access;
    private final RefreshTokens refresh;
    private final Clock clock;

    public AuthRoutes(Vertx vertx, DataSource dataSource, Users users, AccessTokens access, RefreshTokens refresh, Clock clock) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.users = users;
        this.access = access;
        this.refresh = refresh;
        this.clock = clock;
    }

    public void mount(Router router, Bearer bearer) {
        router.post("/auth/login").handler(this::login);
        router.post("/auth/refresh").handler(this::refresh);
        router.post("/auth/logout").handler(this::logout);
        router.get("/me").handler(bearer.authenticated()).handler(ctx -> ctx.json(json(Bearer.user(ctx))));
    }

    private void login(RoutingContext ctx) {
        var body = org.hotline.api.RequestBody.of(ctx);
        String username = body.text("username", 100);
        String password = body.text("password", 200);
        body.check();
        inTransaction(db -> users.authenticate(db, username, password)
                .map(user -> new Session(user, access.issue(user), refresh.issue(db, user.id(), clock.instant()))))
                .onSuccess(session -> reply(ctx, session))
                .onFailure(ctx::fail);
    }

    private void refresh(RoutingContext ctx) {
        var body = org.hotline.api.RequestBody.of(ctx);
        String token = body.text("refreshToken", 100);
        body.check();
        inTransaction(db -> refresh.rotate(db, token, clock.instant())
                .flatMap(issued -> users.find(db, issued.agentId()).map(user -> new Session(user, access.issue(user), issued.token()))))
                .onSuccess(session -> reply(ctx, session))
                .onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        var body = org.hotline.api.RequestBody.of(ctx);
        String token = body.text("refreshToken", 100);
        body.check();
        inTransaction(db -> Optional.of(refresh.revoke(db, token, clock.instant())))
                .onSuccess(x -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private record Session(User user, String accessToken, String refreshToken) {
    }

    private void reply(RoutingContext ctx, Optional<Session> session) {
        if (session.isEmpty()) {
            ctx.fail(401);
            return;
        }
        Session s = session.get();
        ctx.response().putHeader("Cache-Control", "no-store");
        ctx.json(new JsonObject()
                .put("accessToken", s.accessToken())
                .put("tokenType", "Bearer")
                .put("expiresIn", access.ttl().toSeconds())
                .put("refreshToken", s.refreshToken())
                .put("refreshExpiresIn", refresh.ttl().toSeconds())
                .put("user", json(s.user())));
    }

    static JsonObject json(User user) {
        return new JsonObject().put("id", user.id()).put("username", user.username()).put("role", user.role().dbName());
    }

    private <T> Future<T> inTransaction(Function<DSLContext, T> work) {
        return vertx.executeBlocking(() -> DSL.using(dataSource, SQLDialect.POSTGRES).transactionResult(c -> work.apply(c.dsl())), false);
    }
}
