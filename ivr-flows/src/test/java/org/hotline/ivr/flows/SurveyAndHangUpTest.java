package org.hotline.ivr.flows;

import com.zaxxer.hikari.HikariDataSource;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.hotline.ivr.engine.Outcome;
import org.hotline.ivr.engine.SessionResult;
import org.hotline.ivr.testkit.FlowTestKit;
import org.hotline.ivr.testkit.ScriptedCaller;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.ivr.flows.Customers.ZHANG_SAN;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;
import static org.hotline.schema.jooq.Tables.RECORD_EVENT;
import static org.hotline.schema.jooq.Tables.SURVEY;
import static org.hotline.schema.jooq.Tables.SURVEY_ANSWER;
import static org.hotline.schema.jooq.Tables.SURVEY_QUESTION;
import static org.hotline.schema.jooq.Tables.SURVEY_RESPONSE;

/** The survey flow's answers in the database, and callers hanging up at every step of the main flow. */
class SurveyAndHangUpTest {

    static TestDatabase database;
    static HikariDataSource pool;
    static Customers customers;
    static final MutableClock clock = new MutableClock(ShippedFlowsTest.MONDAY_MORNING);
    static FlowTestKit kit;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        pool = database.pool("flows", 4);
        customers = Customers.create(database.dsl());
        kit = FlowTestKit.shipped(pool, clock);
    }

    @AfterAll
    static void stop() {
        kit.close();
        pool.close();
        database.close();
    }

    @Test
    void aReturnVisitSurveyStoresEveryAnswerAgainstTheRecord() {
        database.dsl().execute("UPDATE contact_record SET status = 'closed'");
        long recordId = kit.run(ScriptedCaller.calling("hotline", ZHANG_SAN, "1", "1")).recordsCreated().getFirst();
        ScriptedCaller caller = ScriptedCaller.calling("survey", ZHANG_SAN, "5", "9", "1", "2", "3")
                .withArguments(Map.of("record", String.valueOf(recordId), "kind", "return-visit"));

        SessionResult result = kit.run(caller);

        assertThat(result.outcome()).isEqualTo(Outcome.SURVEY_DONE);
        var response = database.dsl().selectFrom(SURVEY_RESPONSE).where(SURVEY_RESPONSE.RECORD_ID.eq(recordId)).fetchOne();
        assertThat(response.getChannel()).isEqualTo("ivr");
        assertThat(response.getCompletedAt()).isNotNull();
        var answers = database.dsl().select(SURVEY_QUESTION.CODE, SURVEY_ANSWER.SCORE, SURVEY_ANSWER.LEVEL)
                .from(SURVEY_ANSWER).join(SURVEY_QUESTION).on(SURVEY_QUESTION.ID.eq(SURVEY_ANSWER.QUESTION_ID))
                .where(SURVEY_ANSWER.RESPONSE_ID.eq(response.getId())).orderBy(SURVEY_QUESTION.POSITION).fetch();
        assertThat(answers.map(r -> r.value1() + "=" + (r.value2() != null ? r.value2() : r.value3())))
                .as("9 is not on the four levels and is asked again")
                .containsExactly("satisfaction=5", "attitude=excellent", "skill=good", "punctuality=fair");
        assertThat(caller.transcript()).containsSubsequence("read hotline/survey-attitude -> 9", "play hotline/survey-invalid",
                "read hotline/survey-attitude -> 1");
        assertThat(database.dsl().fetchCount(RECORD_EVENT, RECORD_EVENT.RECORD_ID.eq(recordId).and(RECORD_EVENT.EVENT_TYPE.eq("survey_done"))))
                .as("once per survey, not per answer").isEqualTo(1);
    }

    /** The survey and its questions are made once; later calls answering them write only their own response and answers. */
    @Test
    void answeringASurveyAgainWritesNeitherTheSurveyNorItsQuestions() {
        kit.run(ScriptedCaller.calling("survey", ZHANG_SAN, "4"));
        var versions = DSL.field("xmin::text", String.class);
        var before = database.dsl().select(SURVEY.CODE, versions).from(SURVEY).fetchMap(SURVEY.CODE, versions);
        var questionsBefore = database.dsl().select(SURVEY_QUESTION.ID, versions).from(SURVEY_QUESTION).fetchMap(SURVEY_QUESTION.ID, versions);
        int responses = database.dsl().fetchCount(SURVEY_RESPONSE);

        clock.advance(java.time.Duration.ofMinutes(1));
        SessionResult again = kit.run(ScriptedCaller.calling("survey", ZHANG_SAN, "2"));

        assertThat(again.path()).contains("satisfaction");
        assertThat(database.dsl().fetchCount(SURVEY_RESPONSE)).isEqualTo(responses + 1);
        var latest = database.dsl().selectFrom(SURVEY_RESPONSE).orderBy(SURVEY_RESPONSE.ID.desc()).limit(1).fetchOne();
        assertThat(latest.getCompletedAt()).isEqualTo(latest.getStartedAt()).isNotNull();
        assertThat(database.dsl().select(SURVEY.CODE, versions).from(SURVEY).fetchMap(SURVEY.CODE, versions)).isEqualTo(before);
        assertThat(database.dsl().select(SURVEY_QUESTION.ID, versions).from(SURVEY_QUESTION).fetchMap(SURVEY_QUESTION.ID, versions))
                .isEqualTo(questionsBefore);
    }

    @Test
    void anAfterCallSurveyAsksOnlyTheTwoQuestionsAndACallerWhoSaysNothingIsThanked() {
        ScriptedCaller silent = ScriptedCaller.calling("survey", ZHANG_SAN);

        SessionResult result = kit.run(silent);

        assertThat(result.path()).containsExactly("context", "intro", "satisfaction", "thanks");
        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
    }

    /**
     * The caller hangs up during each thing the flow does in turn, from the greeting to the
     * queue: every time the flow stops there, the session is recorded with the path so far and
     * what was created stays.
     */
    @Test
    void aCallerHangingUpAtAnyStepEndsTheFlowCleanlyAndTheSessionIsRecorded() {
        ScriptedCaller whole = ScriptedCaller.calling("hotline", "13600136000", "1", "88886666#");
        kit.run(whole);
        int operations = whole.operations();
        assertThat(operations).isGreaterThan(10);
        List<String> stoppedAt = new ArrayList<>();

        for (int during = 1; during <= operations; during++) {
            database.dsl().execute("UPDATE contact_record SET status = 'closed'");
            ScriptedCaller caller = ScriptedCaller.calling("hotline", "13600136000", "1", "88886666#").hangingUpDuring(during);

            SessionResult result = kit.run(caller);

            assertThat(result.callerHungUp()).as("hung up during operation %d", during).isTrue();
            assertThat(caller.transcript().getLast()).endsWith("(caller hung up)");
            var session = database.dsl().selectFrom(IVR_SESSION).where(IVR_SESSION.ID.eq(result.sessionId())).fetchOne();
            assertThat(session.getCallerHungUp()).isTrue();
            assertThat(session.getEndedAt()).isNotNull();
            assertThat(List.of(session.getPath())).isEqualTo(result.path());
            boolean handedToQueue = caller.variables().containsKey("HOTLINE_ACTION");
            assertThat(session.getOutcome()).isEqualTo(handedToQueue ? "queued" : "caller_hung_up");
            if (!result.recordsCreated().isEmpty()) {
                assertThat(session.getRecordId()).as("the record made before the hang-up is kept").isEqualTo(result.recordsCreated().getFirst());
            }
            stoppedAt.add(result.path().isEmpty() ? "-" : result.path().getLast());
        }
        assertThat(stoppedAt).as("every node that talks to the caller was a hang-up point")
                .contains("greeting", "main-menu", "ask-serial", "tell-new-record", "say-new-record", "queue-service");
    }

}
