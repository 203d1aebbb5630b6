package org.hotline.events;

import java.util.Arrays;

/** How a call ended, as stored in {@code call.outcome} and counted by the reports. */
public enum CallOutcome {
    ANSWERED, ABANDONED, TRANSFERRED,
    /** The caller hung up in the IVR without a callback booked. */
    IVR_HANGUP,
    /** The caller booked a callback in the IVR (or took virtual hold's callback) and hung up. */
    CALLBACK_REQUESTED,
    /** Ended while Hotline could not see how (the link to Asterisk was down). */
    UNKNOWN;

    /** The name in the database and on the wire: {@code ivr_hangup}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static CallOutcome ofDbName(String name) {
        return Arrays.stream(values()).filter(o -> o.dbName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no call outcome '" + name + "'"));
    }
}
