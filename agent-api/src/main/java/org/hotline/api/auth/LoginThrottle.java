package org.hotline.api.auth;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.LOGIN_AUDIT;
import static org.hotline.schema.jooq.Tables.LOGIN_LOCK;

/**
 * Holds back password guessing, from the login audit in the database (so every node sees every
 * failure): a locked user name waits for its lock to end; after {@link LoginRules#failuresBeforeDelay}
 * failures in a row (since its last success or unlock, within a day) a user name's next try waits
 * 1 s after the last failure, doubling with each failure; an address with
 * {@link LoginRules#sourceFailuresBeforeDelay} failures in the last quarter hour waits likewise.
 * Tries of one user name are taken one at a time (an advisory lock for the transaction), so a
 * burst cannot slip through together.
 */
public final class LoginThrottle {

    private static final Duration SOURCE_WINDOW = Duration.ofMinutes(15);

    private final LoginRules rules;

    public LoginThrottle(LoginRules rules) {
        this.rules = rules;
    }

    /** How long {@code username} from {@code source} must wait before trying, and why; empty: try now. */
    public record Wait(Duration retryAfter, String why) {
    }

    public Optional<Wait> check(DSLContext tx, String username, String source, Instant now) {
        tx.select(DSL.field("pg_advisory_xact_lock(hashtext({0}))", Object.class, DSL.val("login:" + username))).fetch();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Optional<OffsetDateTime> locked = tx.select(LOGIN_LOCK.LOCKED_UNTIL).from(LOGIN_LOCK)
                .where(LOGIN_LOCK.USERNAME.eq(username).and(LOGIN_LOCK.LOCKED_UNTIL.gt(at))).fetchOptional(LOGIN_LOCK.LOCKED_UNTIL);
        if (locked.isPresent()) {
            return Optional.of(new Wait(Duration.between(now, locked.get().toInstant()), "this user name is locked after "
                    + rules.failuresBeforeLock() + " failed logins; wait, or ask an admin to lift the lock"));
        }
        Failures mine = userFailures(tx, username, at);
        Optional<Wait> user = waitAfter(mine, rules.failuresBeforeDelay(), now, "too many failed logins of this user name");
        if (user.isPresent()) {
            return user;
        }
        var row = tx.select(DSL.count(), DSL.max(LOGIN_AUDIT.AT)).from(LOGIN_AUDIT)
                .where(LOGIN_AUDIT.SOURCE.eq(source).and(LOGIN_AUDIT.KIND.eq("failure")).and(LOGIN_AUDIT.AT.gt(at.minus(SOURCE_WINDOW))))
                .fetchOne();
        return waitAfter(new Failures(row.value1(), row.value2()), rules.sourceFailuresBeforeDelay(), now,
                "too many failed logins from this address");
    }

    /**
     * After a failed try (already in the audit): locks the user name when the failures in a row
     * reach {@link LoginRules#failuresBeforeLock}; the end of the lock, if it was locked now.
     */
    public Optional<Instant> failed(DSLContext tx, String username, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        if (userFailures(tx, username, at).count() < rules.failuresBeforeLock()) {
            return Optional.empty();
        }
        OffsetDateTime until = at.plus(rules.lock());
        tx.insertInto(LOGIN_LOCK, LOGIN_LOCK.USERNAME, LOGIN_LOCK.LOCKED_AT, LOGIN_LOCK.LOCKED_UNTIL).values(username, at, until)
                .onConflict(LOGIN_LOCK.USERNAME).doUpdate().set(LOGIN_LOCK.LOCKED_AT, at).set(LOGIN_LOCK.LOCKED_UNTIL, until).execute();
        return Optional.of(until.toInstant());
    }

    /** Lifts the lock of {@code username}; false when it was not locked. */
    public static boolean unlock(DSLContext tx, String username) {
        return tx.deleteFrom(LOGIN_LOCK).where(LOGIN_LOCK.USERNAME.eq(username)).execute() > 0;
    }

    private record Failures(int count, OffsetDateTime last) {
    }

    private static Failures userFailures(DSLContext tx, String username, OffsetDateTime at) {
        OffsetDateTime dayAgo = at.minusDays(1);
        OffsetDateTime lastGood = tx.select(DSL.max(LOGIN_AUDIT.AT)).from(LOGIN_AUDIT)
                .where(LOGIN_AUDIT.USERNAME.eq(username).and(LOGIN_AUDIT.KIND.in("success", "unlocked"))).fetchOne(0, OffsetDateTime.class);
        OffsetDateTime since = lastGood != null && lastGood.isAfter(dayAgo) ? lastGood : dayAgo;
        var row = tx.select(DSL.count(), DSL.max(LOGIN_AUDIT.AT)).from(LOGIN_AUDIT)
                .where(LOGIN_AUDIT.USERNAME.eq(username).and(LOGIN_AUDIT.KIND.eq("failure")).and(LOGIN_AUDIT.AT.gt(since)))
                .fetchOne();
        return new Failures(row.value1(), row.value2());
    }

    private Optional<Wait> waitAfter(Failures failures, int allowed, Instant now, String why) {
        if (failures.count() < allowed || failures.last() == null) {
            return Optional.empty();
        }
        int doublings = Math.min(failures.count() - allowed, 30);
        Duration delay = Duration.ofSeconds(1L << doublings);
        if (delay.compareTo(rules.lock()) > 0) {
            delay = rules.lock();
        }
        Instant next = failures.last().toInstant().plus(delay);
        return next.isAfter(now) ? Optional.of(new Wait(Duration.between(now, next), why)) : Optional.empty();
    }
}
