package org.hotline.desk.surveys;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.SURVEY;
import static org.hotline.schema.jooq.Tables.SURVEY_ANSWER;
import static org.hotline.schema.jooq.Tables.SURVEY_QUESTION;
import static org.hotline.schema.jooq.Tables.SURVEY_RESPONSE;

/**
 * The answers of a return visit (回访) made by phone, kept as the IVR keeps its survey's: one
 * response of the hotline's satisfaction survey (channel {@code return_visit}) about the record,
 * with its customer and the return-visit callback it answers (who asked is in the record's
 * trail); so the reports count them alike.
 */
public final class ReturnVisits {

    /** The survey the IVR's survey flow answers (config/flows/survey.yaml). */
    public static final String SURVEY_CODE = "hotline-satisfaction";

    private ReturnVisits() {
    }

    /** Stores the answers about record {@code recordId}; returns the response's id. */
    public static long store(DSLContext tx, long recordId, List<ReturnVisitAnswer> answers, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        long survey = tx.insertInto(SURVEY, SURVEY.CODE, SURVEY.NAME, SURVEY.SCALE).values(SURVEY_CODE, SURVEY_CODE, "one_to_five")
                .onConflict(SURVEY.CODE).doUpdate().set(SURVEY.CODE, SURVEY_CODE).returning(SURVEY.ID).fetchOne(SURVEY.ID);
        Long customer = tx.select(CONTACT_RECORD.CUSTOMER_ID).from(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(recordId))
                .fetchOne(CONTACT_RECORD.CUSTOMER_ID);
        Long callback = tx.select(CALLBACK.ID).from(CALLBACK).where(CALLBACK.RECORD_ID.eq(recordId).and(CALLBACK.PURPOSE.eq("return_visit")))
                .orderBy(CALLBACK.ID.desc()).limit(1).fetchOptional(CALLBACK.ID).orElse(null);
        long response = tx.insertInto(SURVEY_RESPONSE).set(SURVEY_RESPONSE.SURVEY_ID, survey).set(SURVEY_RESPONSE.RECORD_ID, recordId)
                .set(SURVEY_RESPONSE.CUSTOMER_ID, customer).set(SURVEY_RESPONSE.CALLBACK_ID, callback)
                .set(SURVEY_RESPONSE.CHANNEL, "return_visit")
                .set(SURVEY_RESPONSE.STARTED_AT, at).set(SURVEY_RESPONSE.COMPLETED_AT, at)
                .returning(SURVEY_RESPONSE.ID).fetchOne(SURVEY_RESPONSE.ID);
        for (ReturnVisitAnswer answer : answers) {
            long question = question(tx, survey, answer);
            tx.insertInto(SURVEY_ANSWER).set(SURVEY_ANSWER.RESPONSE_ID, response).set(SURVEY_ANSWER.QUESTION_ID, question)
                    .set(SURVEY_ANSWER.SCORE, answer.score().map(Integer::shortValue).orElse(null))
                    .set(SURVEY_ANSWER.LEVEL, answer.level().orElse(null)).set(SURVEY_ANSWER.TEXT_ANSWER, answer.text().orElse(null))
                    .set(SURVEY_ANSWER.ANSWERED_AT, at)
                    .onConflict(SURVEY_ANSWER.RESPONSE_ID, SURVEY_ANSWER.QUESTION_ID).doNothing().execute();
        }
        return response;
    }

    private static long question(DSLContext tx, long survey, ReturnVisitAnswer answer) {
        return tx.select(SURVEY_QUESTION.ID).from(SURVEY_QUESTION)
                .where(SURVEY_QUESTION.SURVEY_ID.eq(survey).and(SURVEY_QUESTION.CODE.eq(answer.question())))
                .fetchOptional(SURVEY_QUESTION.ID)
                .orElseGet(() -> tx.insertInto(SURVEY_QUESTION, SURVEY_QUESTION.SURVEY_ID, SURVEY_QUESTION.POSITION, SURVEY_QUESTION.CODE,
                                SURVEY_QUESTION.TEXT, SURVEY_QUESTION.ANSWER_KIND)
                        .select(tx.select(DSL.val(survey), DSL.coalesce(DSL.max(SURVEY_QUESTION.POSITION), DSL.val((short) 0)).plus(1)
                                        .cast(Short.class), DSL.val(answer.question()), DSL.val(answer.question()),
                                DSL.val(answer.text().isPresent() ? "text" : "scale"))
                                .from(SURVEY_QUESTION).where(SURVEY_QUESTION.SURVEY_ID.eq(survey)))
                        .onConflict(SURVEY_QUESTION.SURVEY_ID, SURVEY_QUESTION.CODE).doUpdate().set(SURVEY_QUESTION.CODE, answer.question())
                        .returning(SURVEY_QUESTION.ID).fetchOne(SURVEY_QUESTION.ID));
    }
}
