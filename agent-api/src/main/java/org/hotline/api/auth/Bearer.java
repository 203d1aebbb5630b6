package org.hotline.api.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Route handlers for access: {@link #authenticated} lets a request through with a valid
 * {@code Authorization: Bearer} access token (401 otherwise) and puts its {@link User} in the
 * context; {@link #atLeast} then refuses roles below the one named (403).
 */
public final class Bearer {

    private static final String USER = "hotline.user";

    private final AccessTokens tokens;

    public Bearer(AccessTokens tokens) {
        this.tokens = tokens;
    }

    public Handler<RoutingContext> authenticated() {
        return ctx -> {
            String header = ctx.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                ctx.fail(401);
                return;
            }
            tokens.verify(header.substring(7).trim()).onComplete(verified -> {
                if (verified.succeeded()) {
                    ctx.put(USER, verified.result());
                    ctx.next();
                } else {
                    ctx.fail(401);
                }
            });
        };
    }

    public static Handler<RoutingContext> atLeast(Role role) {
        return ctx -> {
            if (user(ctx).role().atLeast(role)) {
                ctx.next();
            } else {
                ctx.fail(403);
            }
        };
    }

    /** Who asks, as the service desk's access rules know them. */
    public static org.hotline.desk.access.Who who(User user) {
        return new org.hotline.desk.access.Who(user.id(), user.role().atLeast(Role.SUPERVISOR));
    }

    public static User user(RoutingContext ctx) {
        User user = ctx.get(USER);
        if (user == null) {
            throw new IllegalStateException("no authenticated user on this route");
        }
        return user;
    }
}
