package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registering what the form holds (a letter about a product in warranty, a complaint with its
 * details, a retried request) and finding it again in the worklists.
 */
class RecordRegistrationTest {

    @RegisterExtension
    static final TestApi api = new TestApi();

    @Test
    void aRecordIsRegisteredWithWhatTheFormHoldsAndFoundInTheLists() {
        api.user("gao.agent", "agent", "gao-password-long-1");
        String token = api.token("gao.agent", "gao-password-long-1");
        var db = api.database.dsl();
        long customer = db.resultQuery("INSERT INTO customer (name) VALUES ('冯亮') RETURNING id").fetchOne(0, Long.class);
        long other = db.resultQuery("INSERT INTO customer (name) VALUES ('陈静') RETURNING id").fetchOne(0, Long.class);
        long fridge = db.resultQuery("INSERT INTO asset (customer_id, model, serial_number, warranty_ends_on) VALUES (?, 'BCD-500', "
                + "'SN-FORM-1', ?) RETURNING id", customer, LocalDate.now().plusYears(1)).fetchOne(0, Long.class);
        long theirs = db.resultQuery("INSERT INTO asset (customer_id, model) VALUES (?, 'WM-800') RETURNING id", other)
                .fetchOne(0, Long.class);

        JsonObject letter = new JsonObject().put("type", "repair").put("channel", "letter").put("customerId", customer)
                .put("assetId", fridge).put("contactName", "冯先生").put("phone", "13800138123").put("address", "徐汇区 88 号")
                .put("zone", "city").put("urgency", "urgent").put("faultDescription", "冷藏室不制冷");
        HttpResponse<Buffer> made = api.client.post(AgentApi.BASE + "/records").putHeader("Authorization", "Bearer " + token)
                .putHeader("Idempotency-Key", "letter-2026-0042").sendJsonObject(letter).toCompletionStage().toCompletableFuture().join();
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
        long id = made.bodyAsJsonObject().getLong("id");
        assertThat(made.bodyAsJsonObject().getString("warranty")).as("worked out from the product").isEqualTo("in_warranty");
        var stored = db.fetchOne("SELECT channel, urgency, contact_name, zone, phone FROM contact_record WHERE id = " + id);
        assertThat(stored.get(0)).isEqualTo("letter");
        assertThat(stored.get(1)).isEqualTo("urgent");
        assertThat(stored.get(2)).isEqualTo("冯先生");
        assertThat(stored.get(3)).isEqualTo("city");
        assertThat(stored.get(4)).isEqualTo("+8613800138123");
        HttpResponse<Buffer> again = api.client.post(AgentApi.BASE + "/records").putHeader("Authorization", "Bearer " + token)
                .putHeader("Idempotency-Key", "letter-2026-0042").sendJsonObject(letter).toCompletionStage().toCompletableFuture().join();
        assertThat(again.bodyAsJsonObject().getLong("id")).as("a retried request: the record made the first time").isEqualTo(id);

        assertThat(api.send(HttpMethod.POST, "/records", token, letter.copy().put("assetId", theirs)).statusCode())
                .as("another customer's product").isEqualTo(422);
        assertThat(api.send(HttpMethod.POST, "/records", token, letter.copy().put("zone", "moon")).statusCode()).isEqualTo(400);
        assertThat(api.send(HttpMethod.POST, "/records", token, letter.copy().put("channel", "pigeon")).statusCode()).isEqualTo(400);
        assertThat(api.send(HttpMethod.POST, "/records", token, letter.copy().put("complaint", new JsonObject().put("complainant", "x")))
                .statusCode()).as("complaint details on a repair").isEqualTo(400);

        HttpResponse<Buffer> complaint = api.send(HttpMethod.POST, "/records", token, new JsonObject().put("type", "complaint")
                .put("channel", "walk_in").put("customerId", customer).put("complaint", new JsonObject().put("complainant", "冯亮")
                        .put("complaintType", "transport_damage").put("targetKind", "department").put("target", "物流部")
                        .put("demand", "换新").put("severity", "serious")));
        assertThat(complaint.statusCode()).as(complaint.bodyAsString()).isEqualTo(201);
        JsonObject details = api.send(HttpMethod.GET, "/records/" + complaint.bodyAsJsonObject().getLong("id") + "/complaint", token, null)
                .bodyAsJsonObject();
        assertThat(details.getString("handlerDepartment")).isEqualTo("logistics");
        assertThat(details.getString("severity")).isEqualTo("serious");

        JsonObject page = api.send(HttpMethod.GET, "/records?customerId=" + customer + "&open=true&limit=1", token, null).bodyAsJsonObject();
        assertThat(page.getJsonArray("records")).hasSize(1);
        assertThat(page.getString("next")).isNotNull();
        JsonObject rest = api.send(HttpMethod.GET, "/records?customerId=" + customer + "&open=true&limit=1&cursor=" + page.getString("next"),
                token, null).bodyAsJsonObject();
        assertThat(rest.getJsonArray("records").getJsonObject(0).getLong("id")).isEqualTo(id);
        assertThat(rest.getString("next")).isNull();
        assertThat(api.send(HttpMethod.GET, "/records?type=repair&q=" + java.net.URLEncoder.encode("不制冷", java.nio.charset.StandardCharsets.UTF_8), token, null).bodyAsJsonObject().getJsonArray("records")
                .getJsonObject(0).getString("customerName")).isEqualTo("冯亮");
        assertThat(api.send(HttpMethod.GET, "/records?createdFrom=" + LocalDate.now().plusDays(2), token, null).bodyAsJsonObject()
                .getJsonArray("records")).isEmpty();
        JsonObject timeline = api.send(HttpMethod.GET, "/records/" + id + "/timeline", token, null).bodyAsJsonObject();
        assertThat(timeline.getJsonArray("timeline").getJsonObject(0).getString("kind")).isEqualTo("trail");
        assertThat(timeline.getJsonArray("timeline").getJsonObject(0).getString("what")).isEqualTo("created");
        assertThat(timeline.getJsonArray("timeline").stream().map(JsonObject.class::cast).map(e -> e.getString("kind")))
                .contains("callback", "clock");
        assertThat(api.send(HttpMethod.GET, "/records/999999/timeline", token, null).statusCode()).isEqualTo(404);
        JsonObject shown = api.send(HttpMethod.GET, "/records/" + id, token, null).bodyAsJsonObject();
        assertThat(shown.getString("channel")).isEqualTo("letter");
        assertThat(shown.getJsonArray("clocks")).isNotEmpty();
        assertThat(api.send(HttpMethod.GET, "/records/999999", token, null).statusCode()).isEqualTo(404);
        io.vertx.core.json.JsonArray answers = new io.vertx.core.json.JsonArray().add(new JsonObject().put("question", "satisfaction")
                .put("score", 5));
        HttpResponse<Buffer> notDone = api.send(HttpMethod.POST, "/records/" + id + "/return-visit", token,
                new JsonObject().put("answers", answers));
        assertThat(notDone.statusCode()).as("the job is not done: no return visit yet").isEqualTo(409);
        assertThat(notDone.bodyAsString()).contains("return_visit");
        assertThat(api.send(HttpMethod.POST, "/records/" + id + "/return-visit", token, new JsonObject().put("answers",
                new io.vertx.core.json.JsonArray().add(new JsonObject().put("question", "attitude").put("score", 3)))).statusCode())
                .as("attitude is a level").isEqualTo(400);
        for (String wrong : new String[] {"status=lost", "type=repair,magic", "limit=0", "limit=500", "assignee=someone", "createdFrom=soon",
                "cursor=bm90LWEtY3Vyc29y"}) {
            HttpResponse<Buffer> refused = api.send(HttpMethod.GET, "/records?" + wrong, token, null);
            assertThat(refused.statusCode()).as(wrong + ": " + refused.bodyAsString()).isEqualTo(400);
            assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
        }
    }
}
