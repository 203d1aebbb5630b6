package org.hotline.desk.records;

import org.jooq.DSLContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CALLBACK_ATTEMPT;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;
import static org.hotline.schema.jooq.Tables.RECORD_EVENT;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;
import static org.hotline.schema.jooq.Tables.SURVEY_ANSWER;
import static org.hotline.schema.jooq.Tables.SURVEY_QUESTION;
import static org.hotline.schema.jooq.Tables.SURVEY_RESPONSE;

/**
 * Everything that happened to a record, in one list oldest first: its trail (steps, notes,
 * corrections, escalations and their handling, complaint findings), its calls (and the IVR
 * sessions that made or found it), its callbacks and each of their tries, its clocks starting,
 * met, missed, breached or ended, and the survey answers about it.
 */
public final class RecordTimeline {

    /** What an entry is about. */
    public enum Kind { TRAIL, CALL, IVR, CALLBACK, CALLBACK_TRY, CLOCK, SURVEY }

    /** One thing that happened: when, of what kind, what (an event's or outcome's name), by whom, the rest. */
    public record Entry(Instant at, Kind kind, String what, Optional<String> by, Map<String, Object> details) {
    }

    private RecordTimeline() {
    }

    public static List<Entry> of(DSLContext db, long recordId) {
        List<Entry> entries = new ArrayList<>();
        db.selectFrom(RECORD_EVENT).where(RECORD_EVENT.RECORD_ID.eq(recordId)).orderBy(RECORD_EVENT.ID).forEach(e -> entries.add(new Entry(
                e.getOccurredAt().toInstant(), Kind.TRAIL, e.getEventType(), Optional.ofNullable(e.getActorName()), details(
                        "from", e.getFromStatus(), "to", e.getToStatus(), "reason", e.getReason(),
                        "details", json(e.getDetails())))));
        var callbacks = db.selectFrom(CALLBACK).where(CALLBACK.RECORD_ID.eq(recordId)).orderBy(CALLBACK.ID).fetch();
        List<Long> callbackIds = callbacks.map(c -> c.getId());
        for (var c : callbacks) {
            entries.add(new Entry(c.getCreatedAt().toInstant(), Kind.CALLBACK, "scheduled", Optional.empty(), details("callbackId", c.getId(),
                    "purpose", c.getPurpose(), "reason", c.getReason(), "status", c.getStatus(), "dueAt", instant(c.getDueAt()),
                    "ownerAgentId", c.getOwnerAgentId(), "note", c.getNote())));
            if (c.getCompletedAt() != null) {
                entries.add(new Entry(c.getCompletedAt().toInstant(), Kind.CALLBACK, c.getStatus(), Optional.empty(),
                        details("callbackId", c.getId(), "purpose", c.getPurpose(), "outcome", c.getOutcome(), "note", c.getOutcomeNote())));
            }
        }
        if (!callbackIds.isEmpty()) {
            db.select(CALLBACK_ATTEMPT.CALLBACK_ID, CALLBACK_ATTEMPT.ATTEMPT_NO, CALLBACK_ATTEMPT.STARTED_AT, CALLBACK_ATTEMPT.ENDED_AT,
                            CALLBACK_ATTEMPT.OUTCOME, CALLBACK_ATTEMPT.CALL_ID, AGENT.DISPLAY_NAME)
                    .from(CALLBACK_ATTEMPT).leftJoin(AGENT).on(AGENT.ID.eq(CALLBACK_ATTEMPT.AGENT_ID))
                    .where(CALLBACK_ATTEMPT.CALLBACK_ID.in(callbackIds)).orderBy(CALLBACK_ATTEMPT.ID)
                    .forEach(a -> entries.add(new Entry(a.value3().toInstant(), Kind.CALLBACK_TRY, String.valueOf(a.value5()),
                            Optional.ofNullable(a.value7()), details("callbackId", a.value1(), "attempt", a.value2(),
                                    "endedAt", instant(a.value4()), "callId", a.value6()))));
        }
        var calls = CALL.RECORD_ID.eq(recordId);
        if (!callbackIds.isEmpty()) {
            calls = calls.or(CALL.CALLBACK_ID.in(callbackIds));
        }
        db.select(CALL.ID, CALL.DIRECTION, CALL.OFFERED_AT, CALL.QUEUE_NAME, CALL.OUTCOME, CALL.WAIT_SECONDS, CALL.TALK_SECONDS,
                        CALL.CALLBACK_ID, CALL.IVR_SESSION_ID, AGENT.DISPLAY_NAME)
                .from(CALL).leftJoin(AGENT).on(AGENT.ID.eq(CALL.AGENT_ID)).where(calls).orderBy(CALL.OFFERED_AT)
                .forEach(c -> entries.add(new Entry(c.value3().toInstant(), Kind.CALL, String.valueOf(c.value5()), Optional.ofNullable(c.value10()),
                        details("callId", c.value1(), "direction", c.value2(), "queue", c.value4(), "waitSeconds", number(c.value6()),
                                "talkSeconds", number(c.value7()), "callbackId", c.value8(), "ivrSessionId", c.value9()))));
        db.selectFrom(IVR_SESSION).where(IVR_SESSION.RECORD_ID.eq(recordId)).orderBy(IVR_SESSION.ID)
                .forEach(s -> entries.add(new Entry(s.getStartedAt().toInstant(), Kind.IVR, String.valueOf(s.getOutcome()), Optional.empty(),
                        details("ivrSessionId", s.getId(), "flow", s.getFlowName(), "callId", s.getCallId(), "endedAt", instant(s.getEndedAt()),
                                "inputs", json(s.getInputs())))));
        for (var clock : db.selectFrom(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(recordId)).orderBy(SLA_CLOCK.ID).fetch()) {
            Map<String, Object> about = details("milestone", clock.getMilestoneCode(), "deadline", instant(clock.getDeadlineAt()),
                    "state", clock.getState());
            entries.add(new Entry(clock.getStartedAt().toInstant(), Kind.CLOCK, "started", Optional.empty(), about));
            if (clock.getBreachedAt() != null) {
                entries.add(new Entry(clock.getBreachedAt().toInstant(), Kind.CLOCK, "breached", Optional.empty(), about));
            }
            if (clock.getStoppedAt() != null) {
                entries.add(new Entry(clock.getStoppedAt().toInstant(), Kind.CLOCK, clock.getState().equals("cancelled") ? "ended"
                        : clock.getState(), Optional.empty(), about));
            }
        }
        db.select(SURVEY_RESPONSE.ID, SURVEY_RESPONSE.CHANNEL, SURVEY_QUESTION.CODE, SURVEY_ANSWER.SCORE, SURVEY_ANSWER.LEVEL,
                        SURVEY_ANSWER.TEXT_ANSWER, SURVEY_ANSWER.ANSWERED_AT)
                .from(SURVEY_ANSWER).join(SURVEY_RESPONSE).on(SURVEY_RESPONSE.ID.eq(SURVEY_ANSWER.RESPONSE_ID))
                .join(SURVEY_QUESTION).on(SURVEY_QUESTION.ID.eq(SURVEY_ANSWER.QUESTION_ID))
                .where(SURVEY_RESPONSE.RECORD_ID.eq(recordId)).orderBy(SURVEY_ANSWER.ANSWERED_AT)
                .forEach(a -> entries.add(new Entry(a.value7().toInstant(), Kind.SURVEY, a.value3(), Optional.empty(),
                        details("responseId", a.value1(), "channel", a.value2(), "score", a.value4(), "level", a.value5(),
                                "text", a.value6()))));
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }

    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                details.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return details;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A stored JSON document as the object it holds. */
    private static Object json(org.jooq.JSONB document) {
        if (document == null) {
            return null;
        }
        try {
            return JSON.readValue(document.data(), Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return document.data();
        }
    }

    private static String instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant().toString();
    }

    private static Double number(java.math.BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
