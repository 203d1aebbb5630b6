package org.hotline.api.auth;

import java.time.Duration;

/**
 * How logins are held back and remembered: after {@code failuresBeforeDelay} failed logins of one
 * user name in a row each next try waits (1 s, doubling, at most {@code lock}); a source address
 * gets four times as many before it waits too; {@code failuresBeforeLock} in a row lock the user
 * name for {@code lock} (an admin can lift it); the audit is kept for {@code auditKept}.
 */
public record LoginRules(int failuresBeforeDelay, int failuresBeforeLock, Duration lock, Duration auditKept) {

    public static final LoginRules DEFAULTS = new LoginRules(5, 10, Duration.ofMinutes(15), Duration.ofDays(90));

    public LoginRules {
        if (failuresBeforeDelay < 1 || failuresBeforeLock < 1 || lock.isNegative() || lock.isZero() || auditKept.isNegative()
                || auditKept.isZero()) {
            throw new IllegalArgumentException("login rules out of range: " + this);
        }
    }

    /** Failed logins from one address (over a quarter of an hour) before its tries wait. */
    public int sourceFailuresBeforeDelay() {
        return failuresBeforeDelay * 4;
    }
}
