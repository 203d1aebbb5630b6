package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Escalations as supervisors and managers work them through the API: listed, taken, resolved, by who may. */
class EscalationsApiTest {

    @RegisterExtension
    static final TestApi api = new TestApi();

    private long escalation(String level, String recordNumber) {
        long record = api.database.dsl().resultQuery("INSERT INTO contact_record (number, type, status) VALUES (?, 'repair', 'registered') "
                + "RETURNING id", recordNumber).fetchOne(0, Long.class);
        return api.database.dsl().resultQuery("INSERT INTO escalation (record_id, level, trigger, reason, climb_at) "
                + "VALUES (?, ?, 'deadline_breached', 'first-contact deadline missed', now() + interval '30 minutes') RETURNING id",
                record, level).fetchOne(0, Long.class);
    }

    @Test
    void aSupervisorTakesAndResolvesTheirLevelsAndAManagerTheRest() {
        api.user("han.meimei", "agent", "han-password-long-1");
        long zhao = api.user("zhao.boss", "supervisor", "supervisor-password-long-1");
        api.user("qian.manager", "manager", "manager-password-long-1");
        String agent = api.token("han.meimei", "han-password-long-1");
        String supervisor = api.token("zhao.boss", "supervisor-password-long-1");
        String manager = api.token("qian.manager", "manager-password-long-1");
        long first = escalation("supervisor", "R-ESC-1");
        long second = escalation("manager", "R-ESC-2");

        assertThat(api.send(HttpMethod.GET, "/escalations", agent, null).statusCode()).as("agents do not handle escalations")
                .isEqualTo(403);
        HttpResponse<Buffer> open = api.send(HttpMethod.GET, "/escalations", supervisor, null);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.bodyAsJsonObject().getJsonArray("escalations")).hasSize(2);
        assertThat(api.send(HttpMethod.GET, "/escalations?level=manager", supervisor, null).bodyAsJsonObject()
                .getJsonArray("escalations").getJsonObject(0).getString("recordNumber")).isEqualTo("R-ESC-2");
        assertThat(api.send(HttpMethod.GET, "/escalations?level=director", supervisor, null).statusCode())
                .as("not a level").isEqualTo(400);

        HttpResponse<Buffer> taken = api.send(HttpMethod.POST, "/escalations/" + first + "/acknowledge", supervisor, new JsonObject());
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.bodyAsJsonObject().getLong("acknowledgedBy")).isEqualTo(zhao);
        assertThat(taken.bodyAsJsonObject().getString("climbsAt")).as("taken: it climbs no more").isNull();
        assertThat(api.send(HttpMethod.GET, "/escalations?mine=true", supervisor, null).bodyAsJsonObject()
                .getJsonArray("escalations")).hasSize(1);
        assertThat(api.send(HttpMethod.POST, "/escalations/" + second + "/acknowledge", supervisor, new JsonObject()).statusCode())
                .as("a manager's escalation").isEqualTo(403);

        assertThat(api.send(HttpMethod.POST, "/escalations/" + first + "/resolve", supervisor, new JsonObject()).statusCode())
                .as("a resolution says what was done").isEqualTo(400);
        HttpResponse<Buffer> resolved = api.send(HttpMethod.POST, "/escalations/" + first + "/resolve", supervisor,
                new JsonObject().put("note", "technician called back at 11:30"));
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(resolved.bodyAsJsonObject().getString("resolution")).isEqualTo("technician called back at 11:30");
        HttpResponse<Buffer> again = api.send(HttpMethod.POST, "/escalations/" + first + "/resolve", supervisor,
                new JsonObject().put("note", "again"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(api.send(HttpMethod.POST, "/escalations/" + second + "/resolve", manager,
                new JsonObject().put("note", "spoke with the customer")).statusCode()).isEqualTo(200);
        assertThat(api.send(HttpMethod.POST, "/escalations/999999/acknowledge", manager, new JsonObject()).statusCode()).isEqualTo(404);
        assertThat(api.send(HttpMethod.GET, "/escalations", supervisor, null).bodyAsJsonObject().getJsonArray("escalations"))
                .as("nothing open").isEmpty();
        assertThat(api.send(HttpMethod.GET, "/escalations?state=all", supervisor, null).bodyAsJsonObject().getJsonArray("escalations"))
                .hasSize(2);
    }
}
