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

    /** The user's agent id and a new token. */
    public record Issued(long agentId, String token) {
    }

    public String issue(DSLContext tx, long agentId, Instant now) {
        return issue(tx, agentId, UUID.randomUUID(), now);
    }

    /** Takes {@code token} and returns the next one of its family; empty when it is unknown, expired, revoked or used before. */
    public Optional<Issued> rotate(DSLContext tx, String token, Instant now) {
        var row = tx.selectFrom(API_REFRESH_TOKEN).where(API_REFRESH_TOKEN.TOKEN_HASH.eq(hash(token))).forUpdate().fetchOptional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        var r = row.get();
        if (r.getUsedAt() != null) {
            revokeFamily(tx, r.getFamily(), now); // replayed: somebody else has had it
            return Optional.empty();
        }
        if (r.getRevokedAt() != null || !r.getExpiresAt().toInstant().isAfter(now)) {
            return Optional.empty();
        }
        r.setUsedAt(now.atOffset(ZoneOffset.UTC));
        r.update();
        return Optional.of(new Issued(r.getAgentId(), issue(tx, r.getAgentId(), r.getFamily(), now)));
    }

    /** Revokes the family of {@code token} (log out); false when the token is not known. */
    public boolean revoke(DSLContext tx, String token, Instant now) {
        return tx.select(API_REFRESH_TOKEN.FAMILY).from(API_REFRESH_TOKEN).where(API_REFRESH_TOKEN.TOKEN_HASH.eq(hash(token)))
                .fetchOptional(API_REFRESH_TOKEN.FAMILY).map(family -> {
                    revokeFamily(tx, family, now);
                    return true;
                }).orElse(false);
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
