package org.hotline.ivr.services;

import org.hotline.desk.sql.RenderedStatement;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.hotline.desk.sql.RenderedStatement.param;
import static org.hotline.schema.jooq.Tables.SURVEY;
import static org.hotline.schema.jooq.Tables.SURVEY_ANSWER;
import static org.hotline.schema.jooq.Tables.SURVEY_QUESTION;
import static org.hotline.schema.jooq.Tables.SURVEY_RESPONSE;

/**
 * Stores IVR survey answers: the survey and its questions are made on first use from the flow
 * (code, scale, text), one response per call, one answer per question (answering again replaces it).
 */
final class SurveyAnswers {

    record Saved(long responseId, boolean newResponse) {
    }

    /** A question of a survey, as stored. */
    record Question(long surveyId, long questionId) {
    }

    private record QuestionKey(long surveyId, String code) {
    }

    /** Surveys and questions are never removed once made: their ids, once read, stay true. */
    private final Map<String, Long> surveys = new ConcurrentHashMap<>();
    private final Map<QuestionKey, Long> questions = new ConcurrentHashMap<>();

    /**
     * The survey's and the question's ids, made on first use; each statement commits as it runs
     * (not in the answer's transaction), so an id remembered is one that exists.
     */
    Question question(DSLContext db, SurveyAnswer answer) {
        // read and remembered outside the maps' locks: a first answer waits on the database, not on a lock
        Long surveyId = surveys.get(answer.survey());
        if (surveyId == null) {
            surveyId = db.insertInto(SURVEY, SURVEY.CODE, SURVEY.NAME, SURVEY.SCALE)
                    .values(answer.survey(), answer.survey(), answer.scale())
                    .onConflict(SURVEY.CODE).doUpdate().set(SURVEY.CODE, answer.survey())
                    .returning(SURVEY.ID).fetchOne(SURVEY.ID);
            surveys.putIfAbsent(answer.survey(), surveyId);
        }
        QuestionKey key = new QuestionKey(surveyId, answer.question());
        Long questionId = questions.get(key);
        if (questionId == null) {
            long survey = surveyId;
            questionId = db.select(SURVEY_QUESTION.ID).from(SURVEY_QUESTION)
                    .where(SURVEY_QUESTION.SURVEY_ID.eq(survey).and(SURVEY_QUESTION.CODE.eq(answer.question())))
                    .fetchOptional(SURVEY_QUESTION.ID)
                    .orElseGet(() -> db.insertInto(SURVEY_QUESTION, SURVEY_QUESTION.SURVEY_ID, SURVEY_QUESTION.POSITION,
                                    SURVEY_QUESTION.CODE, SURVEY_QUESTION.TEXT)
                            .select(db.select(DSL.val(survey),
                                    DSL.coalesce(DSL.max(SURVEY_QUESTION.POSITION), DSL.val((short) 0)).plus(1).cast(Short.class),
                                    DSL.val(answer.question()), DSL.val(answer.questionText()))
                                    .from(SURVEY_QUESTION).where(SURVEY_QUESTION.SURVEY_ID.eq(survey)))
                            .onConflict(SURVEY_QUESTION.SURVEY_ID, SURVEY_QUESTION.CODE).doUpdate()
                            .set(SURVEY_QUESTION.TEXT, answer.questionText())
                            .returning(SURVEY_QUESTION.ID).fetchOne(SURVEY_QUESTION.ID));
            questions.putIfAbsent(key, questionId);
        }
        return new Question(surveyId, questionId);
    }

    /** A call's response to a survey, made by its first answer. */
    private static final RenderedStatement RESPONSE = RenderedStatement.of(DSL.insertInto(SURVEY_RESPONSE)
            .set(SURVEY_RESPONSE.SURVEY_ID, param("survey", SURVEY_RESPONSE.SURVEY_ID))
            .set(SURVEY_RESPONSE.RECORD_ID, param("record", SURVEY_RESPONSE.RECORD_ID))
            .set(SURVEY_RESPONSE.CUSTOMER_ID, param("customer", SURVEY_RESPONSE.CUSTOMER_ID))
            .set(SURVEY_RESPONSE.CHANNEL, "ivr")
            .set(SURVEY_RESPONSE.STARTED_AT, param("at", SURVEY_RESPONSE.STARTED_AT))
            .set(SURVEY_RESPONSE.COMPLETED_AT, param("at", SURVEY_RESPONSE.COMPLETED_AT))
            .returning(SURVEY_RESPONSE.ID));
    /** An answer to a question: answering again replaces it. */
    private static final RenderedStatement ANSWER = RenderedStatement.of(DSL.insertInto(SURVEY_ANSWER)
            .set(SURVEY_ANSWER.RESPONSE_ID, param("response", SURVEY_ANSWER.RESPONSE_ID))
            .set(SURVEY_ANSWER.QUESTION_ID, param("question", SURVEY_ANSWER.QUESTION_ID))
            .set(SURVEY_ANSWER.SCORE, param("score", SURVEY_ANSWER.SCORE))
            .set(SURVEY_ANSWER.LEVEL, param("level", SURVEY_ANSWER.LEVEL))
            .set(SURVEY_ANSWER.ANSWERED_AT, param("at", SURVEY_ANSWER.ANSWERED_AT))
            .onConflict(SURVEY_ANSWER.RESPONSE_ID, SURVEY_ANSWER.QUESTION_ID).doUpdate()
            .set(SURVEY_ANSWER.SCORE, param("score", SURVEY_ANSWER.SCORE))
            .set(SURVEY_ANSWER.LEVEL, param("level", SURVEY_ANSWER.LEVEL))
            .set(SURVEY_ANSWER.ANSWERED_AT, param("at", SURVEY_ANSWER.ANSWERED_AT)));
    /** A response completed by a later answer. */
    private static final RenderedStatement COMPLETED = RenderedStatement.of(DSL.update(SURVEY_RESPONSE)
            .set(SURVEY_RESPONSE.COMPLETED_AT, param("at", SURVEY_RESPONSE.COMPLETED_AT))
            .where(SURVEY_RESPONSE.ID.eq(param("response", SURVEY_RESPONSE.ID))));

    /** The answer, and the call's response to the survey (made by its first answer, completed by its last). */
    Saved save(DSLContext tx, Question question, SurveyAnswer answer, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        boolean fresh = answer.responseId().isEmpty();
        long responseId = answer.responseId().orElseGet(() -> RESPONSE.with("survey", question.surveyId())
                .with("record", answer.recordId().orElse(null)).with("customer", answer.customerId().orElse(null)).with("at", at)
                .fetchOptional(tx, Long.class).orElseThrow());
        boolean fourLevels = answer.scale().equals("four_levels");
        ANSWER.with("response", responseId).with("question", question.questionId())
                .with("score", fourLevels ? null : (short) answer.key()).with("level", fourLevels ? level(answer.key()) : null)
                .with("at", at).execute(tx);
        if (!fresh) {
            COMPLETED.with("at", at).with("response", responseId).execute(tx);
        }
        return new Saved(responseId, fresh);
    }

    /** Key 1-4 on the four-level scale: 优秀 / 良好 / 一般 / 较差. */
    private static String level(int key) {
        return switch (key) {
            case 1 -> "excellent";
            case 2 -> "good";
            case 3 -> "fair";
            default -> "poor";
        };
    }
}
