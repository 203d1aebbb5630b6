package org.hotline.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A repair waiting for parts gets its longer allowance with the customer's agreement; the manager confirms the job done. */
class DeadlineChangesTest {

    @RegisterExtension
    static final TestApi api = new TestApi();

    @Test
    void aDeadlineIsExtendedWithTheCustomersAgreementAndTheManagerConfirmsTheJob() {
        api.user("zhu.agent", "agent", "zhu-password-long-1");
        api.user("ma.manager", "manager", "ma-password-long-1");
        String agent = api.token("zhu.agent", "zhu-password-long-1");
        String manager = api.token("ma.manager", "ma-password-long-1");
        long id = api.send(HttpMethod.POST, "/records", agent, new JsonObject().put("type", "repair").put("faultDescription", "compressor"))
                .bodyAsJsonObject().getLong("id");
        for (String step : new String[] {"warranty_checked", "dispatched", "technician_contacted", "on_site"}) {
            api.send(HttpMethod.POST, "/records/" + id + "/transitions", agent, new JsonObject().put("to", step));
        }
        Instant before = Instant.parse(api.send(HttpMethod.GET, "/records/" + id, agent, null).bodyAsJsonObject().getJsonArray("clocks")
                .stream().map(JsonObject.class::cast).filter(c -> c.getString("milestone").equals("repair-done")).findFirst().orElseThrow()
                .getString("deadline"));

        var extended = api.send(HttpMethod.POST, "/records/" + id + "/clocks/repair-done/extension", agent, new JsonObject()
                .put("extension", "parts").put("reason", "customer agreed on the phone to wait for the compressor"));
        assertThat(extended.statusCode()).as(extended.bodyAsString()).isEqualTo(200);
        assertThat(Instant.parse(extended.bodyAsJsonObject().getString("deadline"))).as("7 working days, not 24 h").isAfter(before);
        assertThat(api.database.dsl().fetchValue("SELECT count(*) FROM record_event WHERE record_id = " + id
                + " AND event_type = 'deadline_extended'")).isEqualTo(1L);
        assertThat(api.send(HttpMethod.POST, "/records/" + id + "/clocks/repair-done/extension", agent, new JsonObject()
                .put("extension", "forever").put("reason", "x")).statusCode()).isEqualTo(400);
        assertThat(api.send(HttpMethod.POST, "/records/" + id + "/clocks/on-mars/extension", agent, new JsonObject()
                .put("extension", "parts").put("reason", "x")).statusCode()).isEqualTo(404);
        assertThat(api.send(HttpMethod.POST, "/records/" + id + "/clocks/repair-done/extension", agent, new JsonObject()
                .put("extension", "parts")).statusCode()).as("the customer's agreement is required").isEqualTo(400);

        assertThat(api.send(HttpMethod.POST, "/records/" + id + "/manager-confirmation", manager, new JsonObject()).statusCode())
                .as("the job is not done yet").isEqualTo(409);
        api.send(HttpMethod.POST, "/records/" + id + "/transitions", agent, new JsonObject().put("to", "done"));
        assertThat(api.send(HttpMethod.POST, "/records/" + id + "/manager-confirmation", agent, new JsonObject()).statusCode())
                .isEqualTo(403);
        var confirmed = api.send(HttpMethod.POST, "/records/" + id + "/manager-confirmation", manager, new JsonObject().put("note", "ok"));
        assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
        assertThat(api.send(HttpMethod.GET, "/records/" + id, agent, null).bodyAsJsonObject().getJsonArray("clocks").stream()
                .map(JsonObject.class::cast).filter(c -> c.getString("milestone").equals("manager-confirmation")).findFirst().orElseThrow()
                .getString("state")).isEqualTo("met");
    }
}
