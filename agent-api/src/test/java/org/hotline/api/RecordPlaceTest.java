package org.hotline.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The place of the work entered on a record after it was made: the zone and distance that choose its on-site clock. */
class RecordPlaceTest {

    @RegisterExtension
    static final TestApi api = new TestApi();

    @Test
    void anAgentEntersTheZoneAndDistanceAndTheOnSiteClockRuns() {
        api.user("lin.agent", "agent", "lin-password-long-1");
        String token = api.token("lin.agent", "lin-password-long-1");
        long id = api.send(HttpMethod.POST, "/records", token, new JsonObject().put("type", "repair").put("summary", "no cooling"))
                .bodyAsJsonObject().getLong("id");

        assertThat(api.send(HttpMethod.PATCH, "/records/" + id, token, new JsonObject().put("zone", "moon")).statusCode())
                .isEqualTo(400);
        assertThat(api.send(HttpMethod.PATCH, "/records/" + id, token, new JsonObject().put("distanceKm", -3)).statusCode())
                .isEqualTo(400);
        assertThat(api.send(HttpMethod.PATCH, "/records/" + id, token, new JsonObject().put("distanceKm", 1e30)).statusCode())
                .isEqualTo(400);
        assertThat(api.database.dsl().fetchValue("SELECT count(*) FROM sla_clock WHERE record_id = " + id
                + " AND milestone_code = 'on-site'")).as("refused: nothing changed").isEqualTo(0L);

        var placed = api.send(HttpMethod.PATCH, "/records/" + id, token, new JsonObject().put("distanceKm", 800));
        assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(200);
        assertThat(api.database.dsl().fetchValue("SELECT extract(epoch FROM deadline_at - (SELECT created_at FROM contact_record WHERE id = "
                + id + "))::bigint FROM sla_clock WHERE record_id = " + id + " AND milestone_code = 'on-site'"))
                .as("800 km: 48 h from the record").isEqualTo(48 * 3600L);
    }
}
