package org.hotline.api.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.problem.Problem;
import org.hotline.api.problem.ProblemCode;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code POST /auth/login}, {@code /auth/refresh}, {@code /auth/logout} and {@code GET /me}.
 * Login gives a short-lived access token and a refresh token; a wrong name or password gets the
 * same 401 in the same time; guessing is held back ({@link LoginThrottle}: 429 with Retry-After)
 * and everything is written to the {@link LoginAudit}. Logging out, or a refresh token replayed,
 * ends the login's access tokens at once. Hashing and the database run off the event loop.
 */
public final class AuthRoutes {

    private final Vertx vertx;
    private final java.time.ZoneId zone;
    private final DataSource dataSource;
    private final Users users;
    private final AccessTokens access;
    private final RefreshTokens refresh;
    private final LoginThrottle throttle;
    private final LoginRules rules;
    private final Clock clock;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    public AuthRoutes(Vertx vertx, DataSource dataSource, Users users, AccessTokens access, RefreshTokens refresh, LoginRules rules,
                      java.time.ZoneId zone, Clock clock) {
        this.zone = zone;
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.users = users;
        this.access = access;
        this.refresh = refresh;
        this.rules = rules;
        this.throttle = new LoginThrottle(rules);
        this.clock = clock;
    }

    public void mount(Router router, Bearer bearer) {
        router.post("/auth/login").handler(this::login);
        router.post("/auth/refresh").handler(this::refresh);
        router.post("/auth/logout").handler(this::logout);
        // the pages show times in the hotline's zone, whatever the browser's
        router.get("/me").handler(bearer.authenticated()).handler(ctx -> vertx.executeBlocking(() -> org.hotline.desk.agents.Agents.one(
                        org.jooq.impl.DSL.using(dataSource, org.jooq.SQLDialect.POSTGRES), Bearer.user(ctx).id()).displayName(), false)
                .onSuccess(name -> ctx.json(json(Bearer.user(ctx)).put("displayName", name).put("timeZone", zone.getId())))
                .onFailure(ctx::fail));
    }

    /** What a login attempt came to. */
    private sealed interface Attempt {
        record Signed(Session session) implements Attempt {
        }

        record Refused() implements Attempt {
        }

        record Held(LoginThrottle.Wait delay) implements Attempt {
        }
    }

    private void login(RoutingContext ctx) {
        var body = org.hotline.api.RequestBody.of(ctx);
        String username = body.text("username", 100);
        String password = body.text("password", 200);
        body.check();
        LoginAudit.Origin origin = origin(ctx);
        inTransaction(db -> {
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it
            purgeNowAndThen(db, now);
            Optional<LoginThrottle.Wait> wait = throttle.check(db, username, origin.source(), now);
            if (wait.isPresent()) {
                return new Attempt.Held(wait.get());
            }
            Optional<User> user = users.authenticate(db, username, password);
            if (user.isEmpty()) {
                Optional<Long> named = Users.idOf(db, username);
                LoginAudit.write(db, LoginAudit.Kind.FAILURE, username, named, origin, null, now);
                throttle.failed(db, username, now).ifPresent(until -> LoginAudit.write(db, LoginAudit.Kind.LOCKED, username,
                        named, origin, "until " + until, now));
                return new Attempt.Refused();
            }
            RefreshTokens.Issued login = refresh.start(db, user.get().id(), now);
            LoginAudit.write(db, LoginAudit.Kind.SUCCESS, username, Optional.of(user.get().id()), origin, null, now);
            return new Attempt.Signed(new Session(user.get(), access.issue(user.get(), login.login()), login.token()));
        }).onSuccess(attempt -> {
            switch (attempt) {
                case Attempt.Signed signed -> reply(ctx, Optional.of(signed.session()));
                case Attempt.Refused refused -> ctx.fail(401);
                case Attempt.Held held -> {
                    long seconds = Math.max(1, (held.delay().retryAfter().toMillis() + 999) / 1000);
                    ctx.response().putHeader("Retry-After", String.valueOf(seconds));
                    Problem.of(ProblemCode.TOO_MANY_LOGINS, held.delay().why() + "; try again in " + seconds + " s")
                            .send(ctx, new io.vertx.core.json.JsonObject().put("retryAfterSeconds", seconds));
                }
            }
        }).onFailure(ctx::fail);
    }

    private void refresh(RoutingContext ctx) {
        var body = org.hotline.api.RequestBody.of(ctx);
        String token = body.text("refreshToken", 100);
        body.check();
        LoginAudit.Origin origin = origin(ctx);
        inTransaction(db -> {
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it
            return switch (refresh.rotate(db, token, now)) {
                case RefreshTokens.Rotation.Rotated rotated -> users.find(db, rotated.next().agentId()).map(user -> {
                    LoginAudit.write(db, LoginAudit.Kind.REFRESH, user.username(), Optional.of(user.id()), origin, null, now);
                    return new Session(user, access.issue(user, rotated.next().login()), rotated.next().token());
                });
                case RefreshTokens.Rotation.Replayed replayed -> {
                    String name = users.find(db, replayed.agentId()).map(User::username).orElse("?");
                    LoginAudit.write(db, LoginAudit.Kind.REFRESH_REPLAYED, name, Optional.of(replayed.agentId()), origin,
                            "a used refresh token came back", now);
                    LoginAudit.write(db, LoginAudit.Kind.REVOKED, name, Optional.of(replayed.agentId()), origin,
                            "login " + replayed.login() + " revoked: its refresh token was copied", now);
                    yield Optional.<Session>empty();
                }
                case RefreshTokens.Rotation.Refused refused -> Optional.<Session>empty();
            };
        }).onSuccess(session -> reply(ctx, session)).onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        var body = org.hotline.api.RequestBody.of(ctx);
        String token = body.text("refreshToken", 100);
        body.check();
        LoginAudit.Origin origin = origin(ctx);
        inTransaction(db -> {
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it
            refresh.revoke(db, token, now).ifPresent(login -> LoginAudit.write(db, LoginAudit.Kind.LOGOUT,
                    users.find(db, login.agentId()).map(User::username).orElse("?"), Optional.of(login.agentId()), origin,
                    null, now));
            return true;
        }).onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
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

    /** The request's source address (the peer: a proxy's address when there is one) and browser. */
    static LoginAudit.Origin origin(RoutingContext ctx) {
        var peer = ctx.request().remoteAddress();
        return new LoginAudit.Origin(peer == null ? "?" : peer.hostAddress(), ctx.request().getHeader("User-Agent"));
    }

    /** At most once an hour, with a login: the audit older than it is kept for goes. */
    private void purgeNowAndThen(DSLContext db, Instant now) {
        Instant last = lastPurge.get();
        if (last.plus(java.time.Duration.ofHours(1)).isBefore(now) && lastPurge.compareAndSet(last, now)) {
            LoginAudit.purge(db, now.minus(rules.auditKept()));
        }
    }

    private <T> Future<T> inTransaction(Function<DSLContext, T> work) {
        return vertx.executeBlocking(() -> DSL.using(dataSource, SQLDialect.POSTGRES).transactionResult(c -> work.apply(c.dsl())), false);
    }
}
