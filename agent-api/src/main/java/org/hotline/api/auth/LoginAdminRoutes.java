package org.hotline.api.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.problem.InvalidRequest;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.LOGIN_LOCK;

/**
 * For admins: {@code GET /admin/login-audit} (newest first; {@code username}, {@code source},
 * {@code since}, {@code limit} up to 500), {@code GET /admin/login-locks} (the user names locked
 * now) and {@code DELETE /admin/login-locks/{username}} (lifts a lock; in the audit with the
 * admin's name).
 */
public final class LoginAdminRoutes {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final Clock clock;

    public LoginAdminRoutes(Vertx vertx, DataSource dataSource, Clock clock) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/admin/login-audit").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.ADMIN)).handler(this::audit);
        router.get("/admin/login-locks").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.ADMIN)).handler(this::locks);
        router.delete("/admin/login-locks/:username").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.ADMIN))
                .handler(this::unlock);
    }

    private void audit(RoutingContext ctx) {
        Optional<String> username = query(ctx, "username");
        Optional<String> source = query(ctx, "source");
        Optional<Instant> since = query(ctx, "since").map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidRequest(List.of("since: a time like 2026-11-24T02:00:00Z"));
            }
        });
        int limit = query(ctx, "limit").map(text -> {
            if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 500) {
                throw new InvalidRequest(List.of("limit: a whole number from 1 to 500"));
            }
            return Integer.parseInt(text);
        }).orElse(100);
        DeskWork.run(vertx, ctx, () -> LoginAudit.list(DSL.using(dataSource, SQLDialect.POSTGRES), username, source, since, limit),
                list -> ctx.json(new JsonObject().put("entries", new JsonArray(list))));
    }

    private void locks(RoutingContext ctx) {
        DeskWork.run(vertx, ctx, () -> DSL.using(dataSource, SQLDialect.POSTGRES).selectFrom(LOGIN_LOCK)
                        .where(LOGIN_LOCK.LOCKED_UNTIL.gt(clock.instant().atOffset(java.time.ZoneOffset.UTC))).orderBy(LOGIN_LOCK.USERNAME)
                        .fetch(r -> new JsonObject().put("username", r.getUsername()).put("lockedAt", r.getLockedAt().toInstant().toString())
                                .put("lockedUntil", r.getLockedUntil().toInstant().toString())),
                list -> ctx.json(new JsonObject().put("locks", new JsonArray(list))));
    }

    private void unlock(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        User admin = Bearer.user(ctx);
        LoginAudit.Origin origin = AuthRoutes.origin(ctx);
        DeskWork.run(vertx, ctx, () -> DSL.using(dataSource, SQLDialect.POSTGRES).transactionResult(c -> {
            boolean lifted = LoginThrottle.unlock(c.dsl(), username);
            if (!lifted) {
                throw new IllegalArgumentException("no lock on '" + username + "'");
            }
            LoginAudit.write(c.dsl(), LoginAudit.Kind.UNLOCKED, username, Users.idOf(c.dsl(), username), origin,
                    "lifted by " + admin.username(), clock.instant());
            return true;
        }), x -> ctx.response().setStatusCode(204).end());
    }

    private static Optional<String> query(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.request().getParam(name)).filter(v -> !v.isBlank());
    }
}
