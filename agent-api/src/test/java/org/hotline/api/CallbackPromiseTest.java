package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** "I'll call you back at 3 pm": an agent's promise kept as the record's callback, and the supervisors' list of every callback. */
class CallbackPromiseTest {

    @RegisterExtension
    static final TestApi api = new TestApi();

    @Test
    void anAgentPromisesACallBackAndSupervisorsSeeEveryOne() {
        long tang = api.user("tang.agent", "agent", "tang-password-long-1");
        api.user("yu.supervisor", "supervisor", "yu-password-long-1");
        String agent = api.token("tang.agent", "tang-password-long-1");
        String supervisor = api.token("yu.supervisor", "yu-password-long-1");
        api.database.dsl().execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') ON CONFLICT DO NOTHING");
        long record = api.send(HttpMethod.POST, "/records", agent, new JsonObject().put("type", "consultation").put("phone", "13800138777"))
                .bodyAsJsonObject().getLong("id");
        String threePm = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(1).withHour(15).truncatedTo(ChronoUnit.HOURS)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));

        HttpResponse<Buffer> promised = api.send(HttpMethod.POST, "/callbacks", agent, new JsonObject().put("recordId", record)
                .put("dueAt", threePm).put("note", "after the manager has decided"));
        assertThat(promised.statusCode()).as(promised.bodyAsString()).isEqualTo(201);
        long callback = promised.bodyAsJsonObject().getLong("callbackId");
        var rows = api.database.dsl().fetch("SELECT id, reason, status, owner_agent_id, due_at, phone FROM callback WHERE record_id = " + record
                + " ORDER BY id");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("status")).as("the first-contact callback: replaced by the promise").isEqualTo("cancelled");
        assertThat(rows.get(1).get("id")).isEqualTo(callback);
        assertThat(rows.get(1).get("owner_agent_id")).isEqualTo(tang);
        assertThat(((OffsetDateTime) rows.get(1).get("due_at")).toInstant()).isEqualTo(OffsetDateTime.parse(threePm).toInstant());
        assertThat(rows.get(1).get("phone")).as("the record's number").isEqualTo("+8613800138777");
        JsonArray mine = api.send(HttpMethod.GET, "/callbacks", agent, null).bodyAsJsonObject().getJsonArray("callbacks");
        assertThat(mine.stream().map(JsonObject.class::cast).filter(c -> c.getLong("id") == callback).findFirst().orElseThrow()
                .getBoolean("mine")).isTrue();

        HttpResponse<Buffer> queued = api.send(HttpMethod.POST, "/callbacks", supervisor, new JsonObject().put("phone", "021-6012 3000")
                .put("dueAt", threePm).put("queue", "service"));
        assertThat(queued.statusCode()).as(queued.bodyAsString()).isEqualTo(201);
        JsonArray inQueue = api.send(HttpMethod.GET, "/callbacks?scope=all&queue=service", supervisor, null).bodyAsJsonObject()
                .getJsonArray("callbacks");
        assertThat(inQueue).hasSize(1);
        assertThat(inQueue.getJsonObject(0).getString("queue")).isEqualTo("service");
        assertThat(inQueue.getJsonObject(0).getValue("ownerAgentId")).as("the queue's, nobody's own").isNull();
        assertThat(api.send(HttpMethod.GET, "/callbacks?scope=all&owner=" + tang, supervisor, null).bodyAsJsonObject()
                .getJsonArray("callbacks").getJsonObject(0).getString("ownerName")).isEqualTo("tang.agent");
        assertThat(api.send(HttpMethod.GET, "/callbacks?scope=all&status=cancelled", supervisor, null).bodyAsJsonObject()
                .getJsonArray("callbacks")).hasSize(1);

        assertThat(api.send(HttpMethod.GET, "/callbacks?scope=all", agent, null).statusCode()).isEqualTo(403);
        assertThat(api.send(HttpMethod.POST, "/callbacks", agent, new JsonObject().put("phone", "13800138778").put("dueAt", threePm)
                .put("ownerAgentId", 999)).statusCode()).as("an agent promises their own").isEqualTo(403);
        assertThat(api.send(HttpMethod.POST, "/callbacks", agent, new JsonObject().put("phone", "13800138778")).statusCode()).isEqualTo(400);
        assertThat(api.send(HttpMethod.POST, "/callbacks", agent, new JsonObject().put("phone", "13800138778").put("dueAt", threePm)
                .put("notAfter", threePm)).statusCode()).isEqualTo(400);
        assertThat(api.send(HttpMethod.POST, "/callbacks", agent, new JsonObject().put("phone", "not a number").put("dueAt", threePm))
                .statusCode()).isEqualTo(400);
        assertThat(api.send(HttpMethod.POST, "/callbacks", supervisor, new JsonObject().put("phone", "13800138778").put("dueAt", threePm)
                .put("queue", "nowhere")).statusCode()).isEqualTo(422);
        assertThat(api.send(HttpMethod.POST, "/callbacks", agent, new JsonObject().put("recordId", 999999).put("dueAt", threePm))
                .statusCode()).isEqualTo(404);
        assertThat(api.send(HttpMethod.GET, "/callbacks?scope=all&status=lost", supervisor, null).statusCode()).isEqualTo(400);
    }
}
