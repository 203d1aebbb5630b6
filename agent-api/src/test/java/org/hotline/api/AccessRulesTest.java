package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Every id in a request checked against who asks: callbacks and records of other agents. */
class AccessRulesTest {

    @RegisterExtension
    static final TestApi api = new TestApi();

    private int phones;

    private long callback(String owner, String queue) {
        return api.database.dsl().resultQuery("INSERT INTO callback (reason, phone, due_at, owner_agent_id, owned_until, queue_id) "
                        + "VALUES ('ivr_request', ?, now(), (SELECT id FROM agent WHERE username = ?), "
                        + "now() + interval '1 hour', (SELECT id FROM queue WHERE name = ?)) RETURNING id",
                "+861370013700" + (phones++), owner, queue).fetchOne(0, Long.class);
    }

    @Test
    void anAgentActsOnTheirOwnAndTheirQueuesCallbacksOnly() {
        api.user("han.meimei", "agent", "han-password-long-1");
        api.user("li.lei", "agent", "li-lei-password-long-1");
        api.user("zhao.boss", "supervisor", "supervisor-password-long-1");
        api.database.dsl().execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service'), ('complaint', 'Complaint') ON CONFLICT DO NOTHING; "
                + "INSERT INTO queue_membership (queue_id, agent_id) SELECT q.id, a.id FROM queue q, agent a "
                + "WHERE q.name = 'service' AND a.username IN ('han.meimei', 'li.lei')");
        String han = api.token("han.meimei", "han-password-long-1");
        String li = api.token("li.lei", "li-lei-password-long-1");
        String boss = api.token("zhao.boss", "supervisor-password-long-1");

        long lisOwn = callback("li.lei", "service");
        for (var attempt : new Object[][] {{"/complete", new JsonObject().put("outcome", "answered")},
                {"/reschedule", new JsonObject().put("dueAt", "2030-01-02T02:00:00Z")}, {"/claim", new JsonObject()}}) {
            HttpResponse<Buffer> refused = api.send(HttpMethod.POST, "/callbacks/" + lisOwn + attempt[0], han, attempt[1]);
            assertThat(refused.statusCode()).as("Han on Li's callback %s", attempt[0]).isEqualTo(403);
            assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
        }
        assertThat(api.database.dsl().fetchValue("SELECT status || '/' || attempts FROM callback WHERE id = " + lisOwn))
                .as("nothing changed").isEqualTo("pending/0");

        long complaintQueue = callback(null, "complaint");
        assertThat(api.send(HttpMethod.POST, "/callbacks/" + complaintQueue + "/claim", han, new JsonObject()).statusCode())
                .as("unowned, but in a queue Han is not in").isEqualTo(403);
        long serviceQueue = callback(null, "service");
        assertThat(api.send(HttpMethod.POST, "/callbacks/" + serviceQueue + "/claim", han, new JsonObject()).statusCode())
                .as("unowned in Han's queue").isEqualTo(200);
        assertThat(api.send(HttpMethod.POST, "/callbacks/" + lisOwn + "/reschedule", li,
                new JsonObject().put("dueAt", "2030-01-02T02:00:00Z")).statusCode()).as("Li's own").isEqualTo(200);
        assertThat(api.send(HttpMethod.POST, "/callbacks/" + complaintQueue + "/claim", boss, new JsonObject()).statusCode())
                .as("a supervisor acts on all").isEqualTo(200);
        assertThat(api.send(HttpMethod.POST, "/callbacks/999999/claim", han, new JsonObject()).statusCode()).isEqualTo(404);
    }

    @Test
    void aSupervisorPutsAnAgentInQueuesWithPenaltiesAndAnAgentMayNot() {
        long agent = api.user("new.agent", "agent", "new-agent-password-long-1");
        api.user("queue.boss", "supervisor", "queue-boss-password-long-1");
        api.database.dsl().execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service'), ('complaint', 'Complaint') "
                + "ON CONFLICT DO NOTHING");
        String boss = api.token("queue.boss", "queue-boss-password-long-1");
        String self = api.token("new.agent", "new-agent-password-long-1");
        JsonObject seats = new JsonObject().put("queues", new io.vertx.core.json.JsonArray()
                .add(new JsonObject().put("queue", "service").put("penalty", 0)).add(new JsonObject().put("queue", "complaint").put("penalty", 2)));
        assertThat(api.send(HttpMethod.PUT, "/agents/" + agent + "/queues", self, seats).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> set = api.send(HttpMethod.PUT, "/agents/" + agent + "/queues", boss, seats);
        assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
        assertThat(api.send(HttpMethod.GET, "/agents/" + agent + "/queues", boss, null).bodyAsJsonObject().getJsonArray("queues"))
                .containsExactly(new JsonObject().put("queue", "complaint").put("penalty", 2), new JsonObject().put("queue", "service").put("penalty", 0));
        HttpResponse<Buffer> unknown = api.send(HttpMethod.PUT, "/agents/" + agent + "/queues", boss, new JsonObject().put("queues",
                new io.vertx.core.json.JsonArray().add(new JsonObject().put("queue", "sevrice"))));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.bodyAsJsonObject().getString("detail")).contains("no queue 'sevrice'").contains("complaint, service");
        assertThat(api.send(HttpMethod.GET, "/agents/" + agent + "/queues", boss, null).bodyAsJsonObject().getJsonArray("queues"))
                .as("nothing changed").hasSize(2);
        assertThat(api.send(HttpMethod.PUT, "/agents/987654/queues", boss, seats).statusCode()).isEqualTo(422);
        assertThat(api.send(HttpMethod.GET, "/agents/987654/queues", boss, null).statusCode()).isEqualTo(404);
        // now Ready has queues to log into: no more "No queues" (the PBX is not here: 503)
        database().execute("UPDATE agent SET interface = 'PJSIP/1009' WHERE id = " + agent);
        assertThat(api.send(HttpMethod.PUT, "/me/state", self, new JsonObject().put("state", "ready")).statusCode()).isEqualTo(503);
    }

    private static org.jooq.DSLContext database() {
        return api.database.dsl();
    }

    @Test
    void clickToCallDialsNoInternationalOrPremiumNumber() {
        api.user("ma.dong", "agent", "ma-dong-password-long-1");
        String ma = api.token("ma.dong", "ma-dong-password-long-1");
        for (String number : new String[] {"+88216123456", "004490987901234", "+449098790123", "4001234567"}) {
            HttpResponse<Buffer> refused = api.send(HttpMethod.POST, "/calls", ma, new JsonObject().put("number", number));
            assertThat(refused.statusCode()).as(number).isEqualTo(422);
            assertThat(refused.bodyAsJsonObject().getString("detail")).contains("dialling policy");
        }
        // a national number passes the policy; with no PBX here it is 409 (no device), never 422
        assertThat(api.send(HttpMethod.POST, "/calls", ma, new JsonObject().put("number", "13800138000")).statusCode()).isEqualTo(409);
    }

    @Test
    void aRecordAssignedToAnotherAgentCanBeReadAndNotedButNotChanged() {
        api.user("wei.wei", "agent", "wei-wei-password-long-1");
        api.user("zhou.jie", "agent", "zhou-jie-password-long-1");
        String wei = api.token("wei.wei", "wei-wei-password-long-1");
        String zhou = api.token("zhou.jie", "zhou-jie-password-long-1");
        HttpResponse<Buffer> made = api.send(HttpMethod.POST, "/records", wei,
                new JsonObject().put("type", "consultation").put("summary", "How to descale"));
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
        long record = made.bodyAsJsonObject().getLong("id");
        api.database.dsl().execute("UPDATE contact_record SET handler_agent_id = (SELECT id FROM agent WHERE username = 'wei.wei') "
                + "WHERE id = " + record);

        assertThat(api.send(HttpMethod.GET, "/records/" + record, zhou, null).statusCode()).isEqualTo(200);
        assertThat(api.send(HttpMethod.POST, "/records/" + record + "/notes", zhou, new JsonObject().put("text", "Called again")).statusCode())
                .isEqualTo(204);
        assertThat(api.send(HttpMethod.PATCH, "/records/" + record, zhou, new JsonObject().put("summary", "changed")).statusCode())
                .isEqualTo(403);
        assertThat(api.send(HttpMethod.POST, "/records/" + record + "/transitions", zhou, new JsonObject().put("to", "cancelled")).statusCode())
                .isEqualTo(403);
        assertThat(api.send(HttpMethod.POST, "/records/" + record + "/escalations", zhou,
                new JsonObject().put("level", "supervisor").put("reason", "x")).statusCode()).isEqualTo(403);
        assertThat(api.send(HttpMethod.PATCH, "/records/" + record, wei, new JsonObject().put("summary", "How to descale, model K2")).statusCode())
                .isEqualTo(200);
    }
}
