package org.hotline.desk.escalations;

import java.util.Arrays;

/** Why an escalation was raised ({@code escalation.trigger}). */
public enum EscalationTrigger {
    /** An agent or supervisor raised it. */
    MANUAL,
    /** A milestone that says so was breached. */
    DEADLINE_BREACHED,
    /** The customer stayed unhappy for the configured rounds of a complaint's handling. */
    CUSTOMER_UNHAPPY,
    /** A crisis case (media, legal) goes to the top at once. */
    CRISIS,
    SAFETY,
    /** Nobody acknowledged the escalation below it in time: it climbed. */
    NOT_ACKNOWLEDGED,
    /** A record's callback was still not made after the grace. */
    CALLBACK_OVERDUE;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static EscalationTrigger ofDbName(String name) {
        return Arrays.stream(values()).filter(t -> t.dbName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no escalation trigger '" + name + "'"));
    }
}
