package org.hotline.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** 来电必答: every answered call ends with a record or a disposition, and the daily report counts the ones with neither. */
class CallRegistrationTest {

    @RegisterExtension
    static final TestApi api = new TestApi();

    @Test
    void eachAnsweredCallIsRegisteredAndTheReportCountsTheOnesThatAreNot() {
        long he = api.user("he.agent", "agent", "he-password-long-1");
        long lu = api.user("lu.agent", "agent", "lu-password-long-1");
        api.user("shi.supervisor", "supervisor", "shi-password-long-1");
        String agent = api.token("he.agent", "he-password-long-1");
        String supervisor = api.token("shi.supervisor", "shi-password-long-1");
        var db = api.database.dsl();
        LocalDate day = LocalDate.of(2031, 6, 2);
        String at = day.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant().toString();
        long wrongNumber = call(db, "reg-1", he, at, true);
        long aboutARecord = call(db, "reg-2", he, at, true);
        long forgotten = call(db, "reg-3", he, at, true);
        long theirs = call(db, "reg-4", lu, at, true);
        long missed = call(db, "reg-5", he, at, false);
        long record = db.resultQuery("INSERT INTO contact_record (number, type, status) VALUES ('R-REG-1', 'consultation', 'open') RETURNING id")
                .fetchOne(0, Long.class);

        assertThat(api.send(HttpMethod.GET, "/calls/dispositions", agent, null).bodyAsJsonObject().getJsonArray("dispositions")
                .getJsonObject(0).getJsonObject("labels").getString("zh-CN")).isEqualTo("咨询已解答");
        assertThat(api.send(HttpMethod.POST, "/calls/" + wrongNumber + "/disposition", agent, new JsonObject().put("disposition", "wrong_number"))
                .bodyAsJsonObject().getString("disposition")).isEqualTo("wrong_number");
        assertThat(api.send(HttpMethod.POST, "/calls/" + aboutARecord + "/disposition", agent, new JsonObject().put("recordId", record))
                .bodyAsJsonObject().getString("disposition")).isEqualTo("record");
        assertThat(db.fetchValue("SELECT record_id FROM call WHERE id = " + aboutARecord)).isEqualTo(record);

        assertThat(api.send(HttpMethod.POST, "/calls/" + theirs + "/disposition", agent, new JsonObject().put("disposition", "nuisance"))
                .statusCode()).as("another agent's call").isEqualTo(403);
        assertThat(api.send(HttpMethod.POST, "/calls/" + missed + "/disposition", agent, new JsonObject().put("disposition", "nuisance"))
                .statusCode()).as("never answered").isEqualTo(409);
        assertThat(api.send(HttpMethod.POST, "/calls/" + forgotten + "/disposition", agent, new JsonObject().put("disposition", "bored"))
                .statusCode()).isEqualTo(400);
        assertThat(api.send(HttpMethod.POST, "/calls/" + forgotten + "/disposition", agent, new JsonObject().put("disposition", "nuisance")
                .put("recordId", record)).statusCode()).as("one or the other").isEqualTo(400);
        assertThat(api.send(HttpMethod.POST, "/calls/" + forgotten + "/disposition", agent, new JsonObject().put("recordId", 999999))
                .statusCode()).isEqualTo(422);
        assertThat(api.send(HttpMethod.POST, "/calls/999999/disposition", agent, new JsonObject().put("disposition", "nuisance"))
                .statusCode()).isEqualTo(404);
        assertThat(api.send(HttpMethod.GET, "/calls?mine=true&unregistered=true", agent, null).bodyAsJsonObject().getJsonArray("calls")
                .stream().map(JsonObject.class::cast).map(c -> c.getLong("id"))).as("what is left to register").containsExactly(forgotten);

        JsonObject registration = api.send(HttpMethod.GET, "/reports/daily?date=" + day, supervisor, null).bodyAsJsonObject()
                .getJsonObject("callRegistration");
        assertThat(registration.getLong("answered")).isEqualTo(4);
        assertThat(registration.getLong("withRecord")).isEqualTo(1);
        assertThat(registration.getLong("withDisposition")).isEqualTo(1);
        assertThat(registration.getLong("neither")).as("the forgotten one and the other agent's").isEqualTo(2);
        assertThat(api.send(HttpMethod.POST, "/calls/" + theirs + "/disposition", supervisor, new JsonObject().put("disposition", "transferred"))
                .statusCode()).as("a supervisor registers it for them").isEqualTo(200);
    }

    private static long call(org.jooq.DSLContext db, String linkedid, long agent, String at, boolean answered) {
        return db.resultQuery("INSERT INTO call (asterisk_server, linkedid, direction, agent_id, offered_at, queued_at, answered_at, outcome) "
                + "VALUES ('pbx-a', ?, 'inbound', ?, ?::timestamptz, ?::timestamptz, " + (answered ? "?::timestamptz" : "NULL") + ", ?) RETURNING id",
                answered ? new Object[] {linkedid, agent, at, at, at, "answered"} : new Object[] {linkedid, agent, at, at, "abandoned"})
                .fetchOne(0, Long.class);
    }
}
