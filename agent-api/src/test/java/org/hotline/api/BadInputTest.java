package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client sends wrong is a 4xx problem+json, never a 500, and nothing is written. */
class BadInputTest {

    @RegisterExtension
    static final TestApi api = new TestApi();

    static String agent;
    static String supervisor;
    static long record;
    static long callback;

    @BeforeAll
    static void users() {
        api.user("bad.input", "agent", "bad-input-password-1");
        api.user("bad.boss", "supervisor", "bad-boss-password-1");
        agent = api.token("bad.input", "bad-input-password-1");
        supervisor = api.token("bad.boss", "bad-boss-password-1");
        record = api.send(HttpMethod.POST, "/records", agent, new JsonObject().put("type", "consultation").put("summary", "x"))
                .bodyAsJsonObject().getLong("id");
        callback = api.database.dsl().resultQuery("INSERT INTO callback (reason, phone, due_at, owner_agent_id) VALUES "
                + "('ivr_request', '+8613700137055', now(), (SELECT id FROM agent WHERE username = 'bad.input')) RETURNING id")
                .fetchOne(0, Long.class);
    }

    private static void assertClientError(HttpResponse<Buffer> response, int status, String what) {
        assertThat(response.statusCode()).as("%s: %s", what, response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).as(what).isEqualTo("application/problem+json");
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
        for (String body : new String[] {"[]", "[1,2]", "\"text\"", "42", "true", "null"}) {
            assertClientError(api.send(HttpMethod.POST, "/records", agent, Buffer.buffer(body)), 400, body);
            assertClientError(api.send(HttpMethod.POST, "/auth/login", null, Buffer.buffer(body)), 400, "login " + body);
        }
    }

    @Test
    void aNulByteAnywhereIs400() {
        assertClientError(api.send(HttpMethod.POST, "/records", agent, new JsonObject().put("type", "consultation")
                .put("summary", "a\u0000b")), 400, "summary");
        assertClientError(api.send(HttpMethod.POST, "/records/" + record + "/notes", agent, new JsonObject().put("text", "x\u0000")),
                400, "note");
        assertClientError(api.send(HttpMethod.PATCH, "/records/" + record, agent, new JsonObject().put("faultDescription", "\u0000")),
                400, "fault");
        assertClientError(api.send(HttpMethod.GET, "/customers?name=%00x", agent, null), 400, "search");
        assertClientError(api.send(HttpMethod.POST, "/auth/login", null, new JsonObject().put("username", "a\u0000").put("password", "p")),
                400, "username");
        assertThat(api.send(HttpMethod.POST, "/records/" + record + "/notes", agent, new JsonObject().put("text", "line one\nline two"))
                .statusCode()).as("line breaks are text").isEqualTo(204);
    }

    @Test
    void idsMustBePositiveWholeNumbersThatExist() {
        for (Object id : new Object[] {1.5, "7", -1, 0, 1e30, true}) {
            assertClientError(api.send(HttpMethod.POST, "/records", agent, new JsonObject().put("type", "consultation")
                    .put("customerId", id)), 400, "customerId " + id);
        }
        assertClientError(api.send(HttpMethod.POST, "/records", agent, new JsonObject().put("type", "consultation")
                .put("customerId", 987654321)), 422, "unknown customer");
        assertClientError(api.send(HttpMethod.POST, "/calls", agent, new JsonObject().put("number", "13800138000")
                .put("customerId", 987654321)), 422, "click-to-call for an unknown customer");
        assertClientError(api.send(HttpMethod.POST, "/calls", agent, new JsonObject().put("number", "13800138000")
                .put("recordId", 2.5)), 400, "click-to-call with a record id of 2.5");
        assertClientError(api.send(HttpMethod.POST, "/records/" + record + "/assign", supervisor, new JsonObject().put("agentId", 1.5)),
                400, "assign to 1.5");
        assertClientError(api.send(HttpMethod.POST, "/records/" + record + "/assign", supervisor, new JsonObject().put("agentId", 987654)),
                422, "assign to nobody");
        assertClientError(api.send(HttpMethod.GET, "/records/abc", agent, null), 400, "path id");
        assertClientError(api.send(HttpMethod.GET, "/records/987654321", agent, null), 404, "unknown record");
        assertThat(api.database.dsl().fetchCount(org.jooq.impl.DSL.table("contact_record"),
                org.jooq.impl.DSL.condition("customer_id IS NOT NULL"))).as("nothing written").isZero();
    }

    @Test
    void everyCallbackOutcomeTheApiAllowsIsStored() {
        HttpResponse<Buffer> wrong = api.send(HttpMethod.POST, "/callbacks/" + callback + "/complete", agent,
                new JsonObject().put("outcome", "wrong_number"));
        assertThat(wrong.statusCode()).as(wrong.bodyAsString()).isEqualTo(200);
        assertThat(api.database.dsl().fetchValue("SELECT outcome FROM callback_attempt WHERE callback_id = " + callback))
                .isEqualTo("wrong_number");
        assertClientError(api.send(HttpMethod.POST, "/callbacks/" + callback + "/complete", agent,
                new JsonObject().put("outcome", "exploded")), 400, "an outcome that is none");
    }
}
