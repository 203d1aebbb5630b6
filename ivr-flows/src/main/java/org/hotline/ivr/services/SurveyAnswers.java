package org.hotline.ivr.services;

import org.jooq.DSLContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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

    Saved save(DSLContext tx, SurveyAnswer answer, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        long surveyId = tx.insertInto(SURVEY, SURVEY.CODE, SURVEY.NAME, SURVEY.SCALE)
                .values(answer.survey(), answer.survey(), answer.scale())
                .onConflict(SURVEY.CODE).doUpdate().set(SURVEY.CODE, answer.survey())
                .returning(SURVEY.ID).fetchOne(SURVEY.ID);
        long questionId = tx.select(SURVEY_QUESTION.ID).from(SURVEY_QUESTION)
                .where(SURVEY_QUESTION.SURVEY_ID.eq(surveyId).and(SURVEY_QUESTION.CODE.eq(answer.question())))
                .fetchOptional(SURVEY_QUESTION.ID)
                .orElseGet(() -> tx.insertInto(SURVEY_QUESTION, SURVEY_QUESTION.SURVEY_ID, SURVEY_QUESTION.POSITION, SURVEY_QUESTION.CODE,
                                SURVEY_QUESTION.TEXT)
                        .select(tx.select(org.jooq.impl.DSL.val(surveyId),
                                org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.max(SURVEY_QUESTION.POSITION), org.jooq.impl.DSL.val((short) 0))
                                        .plus(1).cast(Short.class),
                                org.jooq.impl.DSL.val(answer.question()), org.jooq.impl.DSL.val(answer.questionText()))
                                .from(SURVEY_QUESTION).where(SURVEY_QUESTION.SURVEY_ID.eq(surveyId)))
                        .onConflict(SURVEY_QUESTION.SURVEY_ID, SURVEY_QUESTION.CODE).doUpdate().set(SURVEY_QUESTION.TEXT, answer.questionText())
                        .returning(SURVEY_QUESTION.ID).fetchOne(SURVEY_QUESTION.ID));
        boolean fresh = answer.responseId().isEmpty();
        long responseId = answer.responseId().orElseGet(() -> tx.insertInto(SURVEY_RESPONSE, SURVEY_RESPONSE.SURVEY_ID,
                        SURVEY_RESPONSE.RECORD_ID, SURVEY_RESPONSE.CUSTOMER_ID, SURVEY_RESPONSE.CHANNEL, SURVEY_RESPONSE.STARTED_AT)
                .values(surveyId, answer.recordId().orElse(null), answer.customerId().orElse(null), "ivr", at)
                .returning(SURVEY_RESPONSE.ID).fetchOne(SURVEY_RESPONSE.ID));
        boolean fourLevels = answer.scale().equals("four_levels");
        tx.insertInto(SURVEY_ANSWER, SURVEY_ANSWER.RESPONSE_ID, SURVEY_ANSWER.QUESTION_ID, SURVEY_ANSWER.SCORE, SURVEY_ANSWER.LEVEL,
                        SURVEY_ANSWER.ANSWERED_AT)
                .values(responseId, questionId, fourLevels ? null : (short) answer.key(), fourLevels ? level(answer.key()) : null, at)
                .onConflict(SURVEY_ANSWER.RESPONSE_ID, SURVEY_ANSWER.QUESTION_ID).doUpdate()
                .set(SURVEY_ANSWER.SCORE, fourLevels ? null : (short) answer.key())
                .set(SURVEY_ANSWER.LEVEL, fourLevels ? level(answer.key()) : null)
                .set(SURVEY_ANSWER.ANSWERED_AT, at)
                .execute();
        tx.update(SURVEY_RESPONSE).set(SURVEY_RESPONSE.COMPLETED_AT, at).where(SURVEY_RESPONSE.ID.eq(responseId)).execute();
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
