package org.hotline.api.auth;

import io.vertx.core.json.JsonObject;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.LOGIN_AUDIT;

/**
 * The login audit: who signed in or tried, refreshed, logged out, was locked or unlocked, or had
 * a login revoked; with the time, the user name given, the source address and the browser.
 */
public final class LoginAudit {

    /** What happened; the names are the rows' {@code kind}. */
    public enum Kind {
        SUCCESS, FAILURE, LOCKED, UNLOCKED, REFRESH, REFRESH_REPLAYED, LOGOUT, REVOKED;

        String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Where a request came from: its address and its User-Agent (cut to 200 characters, control characters dropped). */
    public record Origin(String source, String userAgent) {
        public Origin {
            userAgent = userAgent == null ? "" : userAgent.replaceAll("\\p{Cntrl}", "");
            userAgent = userAgent.length() > 200 ? userAgent.substring(0, 200) : userAgent;
        }
    }

    private LoginAudit() {
    }

    public static void write(DSLContext db, Kind kind, String username, Optional<Long> agentId, Origin origin, String detail,
                             Instant at) {
        db.insertInto(LOGIN_AUDIT, LOGIN_AUDIT.AT, LOGIN_AUDIT.KIND, LOGIN_AUDIT.USERNAME, LOGIN_AUDIT.AGENT_ID, LOGIN_AUDIT.SOURCE,
                        LOGIN_AUDIT.USER_AGENT, LOGIN_AUDIT.DETAIL)
                .values(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS).atOffset(ZoneOffset.UTC), kind.dbName(), username, agentId.orElse(null), origin.source(),
                        origin.userAgent().isEmpty() ? null : origin.userAgent(), detail)
                .execute();
    }

    /** The newest entries first, by user name and/or source when given, at most {@code limit}. */
    public static List<JsonObject> list(DSLContext db, Optional<String> username, Optional<String> source, Optional<Instant> since,
                                        int limit) {
        var where = DSL.noCondition();
        if (username.isPresent()) {
            where = where.and(LOGIN_AUDIT.USERNAME.eq(username.get()));
        }
        if (source.isPresent()) {
            where = where.and(LOGIN_AUDIT.SOURCE.eq(source.get()));
        }
        if (since.isPresent()) {
            where = where.and(LOGIN_AUDIT.AT.ge(since.get().atOffset(ZoneOffset.UTC)));
        }
        return db.selectFrom(LOGIN_AUDIT).where(where).orderBy(LOGIN_AUDIT.AT.desc(), LOGIN_AUDIT.ID.desc()).limit(limit)
                .fetch(r -> new JsonObject().put("at", r.getAt().toInstant().toString()).put("kind", r.getKind())
                        .put("username", r.getUsername()).put("agentId", r.getAgentId()).put("source", r.getSource())
                        .put("userAgent", r.getUserAgent()).put("detail", r.getDetail()));
    }

    /** Removes what is older than {@code before}; how many went. */
    public static int purge(DSLContext db, Instant before) {
        return db.deleteFrom(LOGIN_AUDIT).where(LOGIN_AUDIT.AT.lt(before.atOffset(ZoneOffset.UTC))).execute();
    }
}
