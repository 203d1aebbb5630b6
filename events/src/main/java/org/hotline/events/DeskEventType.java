package org.hotline.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The kinds of service-desk event. The wire name is the kind in lower case with its family
 * first ({@code callback.retry_scheduled}); a workflow step of a record is {@code record.} and
 * the step ({@code record.customer_contacted}), one kind for all of them.
 */
public enum DeskEventType {
    RECORD_CREATED, RECORD_TRANSITIONED, RECORD_UPDATED, RECORD_ASSIGNED, RECORD_ESCALATED,
    /** A workflow step of a record ({@code record.<step>}). */
    RECORD_STEP,
    SLA_STARTED, SLA_PAUSED, SLA_RESUMED, SLA_MET, SLA_MISSED, SLA_AT_RISK, SLA_BREACHED,
    /** A clock the record's closing ended before its milestone was met: neither met nor missed. */
    SLA_ENDED,
    /** An escalation taken by someone (it stops climbing), or resolved with a note. */
    ESCALATION_ACKNOWLEDGED, ESCALATION_RESOLVED,
    CALLBACK_SCHEDULED, CALLBACK_MERGED, CALLBACK_DUE, CALLBACK_EXPIRED, CALLBACK_ASSIGNED, CALLBACK_CANCELLED,
    CALLBACK_RESCHEDULED, CALLBACK_COMPLETED, CALLBACK_FAILED, CALLBACK_RETRY_SCHEDULED;

    /** Each kind by its wire name (made once: every event decoded asks). */
    private static final Map<String, DeskEventType> BY_WIRE_NAME = Arrays.stream(values()).filter(t -> t != RECORD_STEP)
            .collect(Collectors.toUnmodifiableMap(DeskEventType::wireName, t -> t));

    private final String wireName = wireNameOf(name());

    /** {@code callback.retry_scheduled}; for {@link #RECORD_STEP} the family only, {@code record.}. */
    public String wireName() {
        return wireName;
    }

    private static String wireNameOf(String name) {
        if (name.equals("RECORD_STEP")) {
            return "record.";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        int cut = lower.indexOf('_');
        return lower.substring(0, cut) + "." + lower.substring(cut + 1);
    }

    /** The kind of a wire name: an exact one, else a record's workflow step. */
    public static DeskEventType ofWireName(String name) {
        DeskEventType exact = BY_WIRE_NAME.get(name);
        if (exact != null) {
            return exact;
        }
        if (name.startsWith("record.") && name.length() > "record.".length()) {
            return RECORD_STEP;
        }
        throw new IllegalArgumentException("no desk event '" + name + "'");
    }
}
