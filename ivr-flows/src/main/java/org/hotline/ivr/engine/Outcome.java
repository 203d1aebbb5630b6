package org.hotline.ivr.engine;

import java.util.Locale;

/** How an IVR session ended (ivr_session.outcome). */
public enum Outcome {
    QUEUED, CALLBACK, TRANSFERRED, RECORD_CREATED, SURVEY_DONE, CALLER_HUNG_UP, COMPLETED, FAILED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
