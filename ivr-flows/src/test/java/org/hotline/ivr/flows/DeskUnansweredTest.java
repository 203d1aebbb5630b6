package org.hotline.ivr.flows;

import com.zaxxer.hikari.HikariDataSource;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.hotline.ivr.engine.Outcome;
import org.hotline.ivr.engine.SessionResult;
import org.hotline.ivr.testkit.FlowTestKit;
import org.hotline.ivr.testkit.ScriptedCaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.ivr.flows.Customers.SERIAL_OF_ZHANG_SAN;
import static org.hotline.ivr.flows.Customers.ZHANG_SAN;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;
import static org.hotline.schema.jooq.Tables.SURVEY_ANSWER;
import static org.hotline.schema.jooq.Tables.SURVEY_RESPONSE;

/**
 * A caller is not held for a service desk that does not answer (every connection of the pool
 * taken): the flow goes on by its default branches after the desk wait, and what the caller did
 * (the session, the record, the callback, the survey's answers) is written, whole and once, when
 * connections are free again.
 */
class DeskUnansweredTest {

    private static final Duration DESK_WAIT = Duration.ofMillis(300);

    TestDatabase database;
    HikariDataSource pool;
    Customers customers;
    FlowTestKit kit;
    final List<Connection> held = new ArrayList<>();

    @BeforeEach
    void start() {
        database = TestDatabase.start();
        customers = Customers.create(database.dsl());
        pool = database.pool("starved", 2, Duration.ofMillis(500));
        kit = FlowTestKit.shipped(pool, new MutableClock(ShippedFlowsTest.MONDAY_MORNING),
                queue -> CompletableFuture.completedFuture(Duration.ZERO), DESK_WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        release();
        kit.close();
        pool.close();
        database.close();
    }

    void starve() throws Exception {
        held.add(pool.getConnection());
        held.add(pool.getConnection());
    }

    void release() throws Exception {
        for (Connection c : held) {
            c.close();
        }
        held.clear();
    }

    @Test
    void aKnownCallerWhoseLookupGoesUnansweredIsQueuedAndTheirRecordAndSessionAreWrittenLater() throws Exception {
        starve();
        ScriptedCaller caller = ScriptedCaller.calling("hotline", ZHANG_SAN, "1", SERIAL_OF_ZHANG_SAN + "#");

        SessionResult result = kit.run(caller);

        assertThat(result.outcome()).as("queued all the same").isEqualTo(Outcome.QUEUED);
        assertThat(result.path()).as("taken as a caller not known, asked the serial, the record's number not told")
                .containsSubsequence("lookup", "main-menu", "repair", "ask-serial", "find-serial", "create-record", "record-made", "route",
                        "queue-service")
                .doesNotContain("tell-new-record", "say-new-record", "pick-product");
        assertThat(result.handedOn()).containsEntry("HOTLINE_ACTION", "queue").containsEntry("HOTLINE_INTENT", "repair")
                .doesNotContainKeys("HOTLINE_RECORD_ID", "HOTLINE_IVR_SESSION_ID");
        assertThat(database.dsl().fetchCount(IVR_SESSION)).as("nothing written while the pool is taken").isZero();

        release();
        String uniqueid = caller.call().uniqueid();
        await().atMost(Duration.ofSeconds(20)).until(() -> database.dsl().fetchExists(IVR_SESSION,
                IVR_SESSION.UNIQUEID.eq(uniqueid).and(IVR_SESSION.ENDED_AT.isNotNull())));
        var session = database.dsl().selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(uniqueid)).fetchSingle();
        var record = database.dsl().selectFrom(CONTACT_RECORD)
                .where(CONTACT_RECORD.IDEMPOTENCY_KEY.like("ivr:default:" + uniqueid + ":%")).fetchSingle();
        assertThat(record.getType()).isEqualTo("repair");
        assertThat(record.getPhone()).isEqualTo("+86" + ZHANG_SAN);
        assertThat(session.getRecordId()).as("the session names the record made after the caller went on").isEqualTo(record.getId());
        assertThat(session.getOutcome()).isEqualTo("queued");
        assertThat(session.getFlowName()).isEqualTo("hotline");
        assertThat(session.getPath()).containsSubsequence("greeting", "record-made", "queue-service");
        assertThat(session.getInputs().data()).contains(SERIAL_OF_ZHANG_SAN);
        assertThat(session.getCallerNumber()).isEqualTo("+86" + ZHANG_SAN);
    }

    @Test
    void aCallbackAskedForWhileTheDeskDoesNotAnswerIsBookedLater() throws Exception {
        starve();
        ScriptedCaller caller = ScriptedCaller.calling("hotline", ZHANG_SAN, "6", "1", "1");

        SessionResult result = kit.run(caller);

        assertThat(result.outcome()).isEqualTo(Outcome.CALLBACK);
        assertThat(caller.transcript()).as("thanked and let go, not held").anyMatch(line -> line.contains("callback-booked"));

        release();
        String uniqueid = caller.call().uniqueid();
        await().atMost(Duration.ofSeconds(20)).until(() -> database.dsl().fetchExists(IVR_SESSION,
                IVR_SESSION.UNIQUEID.eq(uniqueid).and(IVR_SESSION.ENDED_AT.isNotNull())));
        assertThat(database.dsl().fetch(CALLBACK, CALLBACK.PHONE.eq("+86" + ZHANG_SAN)))
                .as("one callback, asked for in the IVR").singleElement()
                .satisfies(c -> assertThat(c.getReason()).isEqualTo("ivr_request"));
        assertThat(database.dsl().selectFrom(IVR_SESSION).where(IVR_SESSION.UNIQUEID.eq(uniqueid)).fetchSingle().getOutcome())
                .isEqualTo("callback");
    }

    @Test
    void aSurveyAnsweredWhileTheDeskDoesNotAnswerIsOneResponseWithEveryAnswer() throws Exception {
        long record = kit.run(ScriptedCaller.calling("hotline", ZHANG_SAN, "1", "1")).recordsCreated().getFirst();
        starve();
        ScriptedCaller caller = ScriptedCaller.calling("survey", ZHANG_SAN, "5", "1", "2", "3")
                .withArguments(Map.of("record", String.valueOf(record), "kind", "return-visit"));

        SessionResult result = kit.run(caller);

        assertThat(result.outcome()).isEqualTo(Outcome.SURVEY_DONE);
        release();
        await().atMost(Duration.ofSeconds(20)).until(() -> database.dsl().fetchExists(IVR_SESSION,
                IVR_SESSION.UNIQUEID.eq(caller.call().uniqueid()).and(IVR_SESSION.ENDED_AT.isNotNull())));
        var responses = database.dsl().fetch(SURVEY_RESPONSE, SURVEY_RESPONSE.RECORD_ID.eq(record));
        assertThat(responses).as("one response for the call, not one per answer written late").hasSize(1);
        assertThat(database.dsl().fetchCount(SURVEY_ANSWER, SURVEY_ANSWER.RESPONSE_ID.eq(responses.getFirst().getId()))).isEqualTo(4);
    }
}
