package org.hotline.desk.callbacks;

import java.util.Locale;

/** Why a callback exists. */
public enum CallbackReason {
    IVR_REQUEST, FIRST_CONTACT, RETURN_VISIT, MISSED_CALL, ABANDONED_CALL, AGENT_SCHEDULED, OUT_OF_HOURS, VIRTUAL_HOLD,
    PERIODIC_FOLLOW_UP, SURVEY;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallbackReason fromDb(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
