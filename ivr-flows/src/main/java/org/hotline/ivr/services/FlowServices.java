package org.hotline.ivr.services;

import org.hotline.ivr.engine.SessionResult;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What a flow asks of the rest of Hotline: the service desk (customers, products, records,
 * callbacks, surveys, calendars), the PBX's queue state, and the IVR session log. Every call
 * that may wait on the database completes later, so no caller holds a thread. A write
 * (record, callback, survey answer, session) that cannot be done at once is done when it can:
 * its stage completes then, however long after the flow stopped waiting for it.
 */
public interface FlowServices {

    /** The caller's number in the archive's form (E.164), when it is a number. */
    Optional<String> normalizePhone(String raw);

    /** Whether a callback may dial {@code e164} (the dialling policy: no international or premium-rate numbers by default). */
    default boolean mayDial(String e164) {
        return true;
    }

    CompletionStage<CallerProfile> lookupCaller(String phone);

    CompletionStage<List<Product>> products(long customerId);

    CompletionStage<Optional<Product>> productBySerial(String serial);

    CompletionStage<CreatedRecord> createRecord(RecordRequest request);

    /** Schedules (or merges into a pending) callback; returns its id. */
    CompletionStage<Long> scheduleCallback(CallbackRequest request);

    /** Stores the answer; returns the survey response it belongs to (one per call and survey). */
    CompletionStage<Long> saveSurveyAnswer(SurveyAnswer answer);

    boolean isOpen(String calendar, Instant at);

    Instant nextOpening(String calendar, Instant at);

    /** The hotline's time zone (callback windows are times of day there). */
    ZoneId zone();

    /** How long a caller joining {@code queue} now can expect to wait. */
    CompletionStage<Duration> expectedWait(String queue);

    /** Records that the flow started on this call; returns the IVR session's id. */
    CompletionStage<Long> sessionStarted(SessionStart start);

    /**
     * Records how the session that started as {@code start} ended: path, keys, variables handed
     * on, outcome; the whole session when its start was never written.
     */
    CompletionStage<Void> sessionEnded(SessionStart start, SessionResult result);
}
