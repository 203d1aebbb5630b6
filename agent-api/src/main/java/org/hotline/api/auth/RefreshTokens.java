package org.hotline.api.auth;

import org.jooq.DSLContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import static org.hotline.schema.jooq.Tables.API_REFRESH_TOKEN;

/**
 * Long-lived refresh tokens: 256 random bits, of which only a SHA-256 is stored. Each is used
 * once: {@link #rotate} takes it and gives the next of its family; a token already used that
 * comes back means it was copied, and the whole family is revoked. Logging out revokes the family.
 */
public final class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration ttl;

    public RefreshTokens(Duration ttl) {
        this.ttl = ttl;
    }

    /** A login (the family its tokens share; access tokens name it too), its user's agent id, and a new refresh token. */
    public record Issued(UUID login, long agentId, String token) {
    }

    /** What presenting a refresh token came to: the next token, or why not (and whose it was, when known). */
    public sealed interface Rotation {
        /** The next token of the login. */
        record Rotated(Issued next) implements Rotation {
        }

        /** A token used before came back: it was copied, and its whole login is now revoked. */
        record Replayed(UUID login, long agentId) implements Rotation {
        }

        /** Unknown, expired or revoked. */
        record Refused() implements Rotation {
        }
    }

    /** A new login of {@code agentId}: its family and first token. */
    public Issued start(DSLContext tx, long agentId, Instant now) {
        UUID login = UUID.randomUUID();
        return new Issued(login, agentId, issue(tx, agentId, login, now));
    }

    /** Takes {@code token} and gives the next one of its login; refused when it is unknown, expired, revoked or used before. */
    public Rotation rotate(DSLContext tx, String token, Instant now) {
        var row = tx.selectFrom(API_REFRESH_TOKEN).where(API_REFRESH_TOKEN.TOKEN_HASH.eq(hash(token))).forUpdate().fetchOptional();
        if (row.isEmpty()) {
            return new Rotation.Refused();
        }
        var r = row.get();
        if (r.getUsedAt() != null) {
            revokeFamily(tx, r.getFamily(), now); // replayed: somebody else has had it
            return new Rotation.Replayed(r.getFamily(), r.getAgentId());
        }
        if (r.getRevokedAt() != null || !r.getExpiresAt().toInstant().isAfter(now)) {
            return new Rotation.Refused();
        }
        r.setUsedAt(now.atOffset(ZoneOffset.UTC));
        r.update();
        return new Rotation.Rotated(new Issued(r.getFamily(), r.getAgentId(), issue(tx, r.getAgentId(), r.getFamily(), now)));
    }

    /** Revokes the login of {@code token} (log out): the login and its user, or empty when the token is not known. */
    public Optional<Issued> revoke(DSLContext tx, String token, Instant now) {
        return tx.select(API_REFRESH_TOKEN.FAMILY, API_REFRESH_TOKEN.AGENT_ID).from(API_REFRESH_TOKEN)
                .where(API_REFRESH_TOKEN.TOKEN_HASH.eq(hash(token)))
                .fetchOptional().map(r -> {
                    revokeFamily(tx, r.value1(), now);
                    return new Issued(r.value1(), r.value2(), "");
                });
    }

    /**
     * Of these logins (each with its user), those whose access tokens no longer count (as
     * {@link #active}), asked in one query: the open sockets' logins, every few seconds.
     */
    public static java.util.Set<UUID> ended(DSLContext db, java.util.Map<UUID, Long> logins) {
        java.util.Set<String> active = new java.util.HashSet<>(db.select(API_REFRESH_TOKEN.FAMILY, API_REFRESH_TOKEN.AGENT_ID)
                .from(API_REFRESH_TOKEN).join(org.hotline.schema.jooq.Tables.AGENT)
                .on(org.hotline.schema.jooq.Tables.AGENT.ID.eq(API_REFRESH_TOKEN.AGENT_ID))
                .where(API_REFRESH_TOKEN.FAMILY.in(logins.keySet())).and(org.hotline.schema.jooq.Tables.AGENT.ACTIVE)
                .groupBy(API_REFRESH_TOKEN.FAMILY, API_REFRESH_TOKEN.AGENT_ID)
                .having(org.jooq.impl.DSL.count(API_REFRESH_TOKEN.REVOKED_AT).eq(0))
                .fetch(r -> r.value1() + "/" + r.value2()));
        return logins.entrySet().stream().filter(login -> !active.contains(login.getKey() + "/" + login.getValue()))
                .map(java.util.Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Whether access tokens of {@code login} still count: its user is active and the login was
     * neither logged out nor revoked. Read from the database on every use, so a logout or a
     * revocation on any node ends the login's access tokens at once.
     */
    public static boolean active(DSLContext db, UUID login, long agentId) {
        return db.fetchExists(org.hotline.schema.jooq.Tables.AGENT, org.hotline.schema.jooq.Tables.AGENT.ID.eq(agentId)
                .and(org.hotline.schema.jooq.Tables.AGENT.ACTIVE)
                .andExists(org.jooq.impl.DSL.selectOne().from(API_REFRESH_TOKEN).where(API_REFRESH_TOKEN.FAMILY.eq(login))
                        .and(API_REFRESH_TOKEN.AGENT_ID.eq(agentId)))
                .andNotExists(org.jooq.impl.DSL.selectOne().from(API_REFRESH_TOKEN).where(API_REFRESH_TOKEN.FAMILY.eq(login))
                        .and(API_REFRESH_TOKEN.REVOKED_AT.isNotNull())));
    }


    public Duration ttl() {
        return ttl;
    }

    private String issue(DSLContext tx, long agentId, UUID family, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tx.insertInto(API_REFRESH_TOKEN, API_REFRESH_TOKEN.AGENT_ID, API_REFRESH_TOKEN.TOKEN_HASH, API_REFRESH_TOKEN.FAMILY,
                        API_REFRESH_TOKEN.ISSUED_AT, API_REFRESH_TOKEN.EXPIRES_AT)
                .values(agentId, hash(token), family, now.atOffset(ZoneOffset.UTC), now.plus(ttl).atOffset(ZoneOffset.UTC))
                .execute();
        return token;
    }

    private static void revokeFamily(DSLContext tx, UUID family, Instant now) {
        tx.update(API_REFRESH_TOKEN).set(API_REFRESH_TOKEN.REVOKED_AT, now.atOffset(ZoneOffset.UTC))
                .where(API_REFRESH_TOKEN.FAMILY.eq(family).and(API_REFRESH_TOKEN.REVOKED_AT.isNull())).execute();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
