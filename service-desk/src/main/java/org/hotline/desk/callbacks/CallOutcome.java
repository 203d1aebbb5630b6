package org.hotline.desk.callbacks;

import java.util.Locale;

/** How one try of a callback ended. */
public enum CallOutcome {
    ANSWERED, NO_ANSWER, BUSY, FAILED, WRONG_NUMBER;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
