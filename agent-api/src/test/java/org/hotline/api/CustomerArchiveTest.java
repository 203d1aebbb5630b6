package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent keeps the customer archive through the API: a new caller registered with their phone
 * and product (the warranty worked out from it), a second customer with a known phone or serial
 * offered instead, edits against the version seen, phones added and removed, products added and
 * corrected. Every refusal a problem, nothing half-written.
 */
class CustomerArchiveTest {

    @RegisterExtension
    static final TestApi api = new TestApi();
    static String token;

    @BeforeAll
    static void signIn() {
        api.user("xu.agent", "agent", "xu-password-long-1");
        token = api.token("xu.agent", "xu-password-long-1");
    }

    private HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) {
        return api.send(method, path, token, body);
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void aNewCallerIsRegisteredWithTheirPhoneAndProductAndAKnownOneIsOffered() {
        String bought = LocalDate.now().minusMonths(3).toString();
        HttpResponse<Buffer> made = send(HttpMethod.POST, "/customers", new JsonObject().put("name", "孙丽").put("city", "上海")
                .put("zone", "second_ring").put("distanceKm", 12).put("keyCustomer", true)
                .put("phones", new JsonArray().add(new JsonObject().put("number", "138 0013 9001")))
                .put("products", new JsonArray().add(new JsonObject().put("model", "KFR-35GW").put("serialNumber", "SN-ARCHIVE-1")
                        .put("purchasedOn", bought).put("warrantyEndsOn", LocalDate.now().plusYears(1).toString()))));
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
        JsonObject customer = made.bodyAsJsonObject();
        assertThat(made.getHeader("Location")).endsWith("/customers/" + customer.getLong("id"));
        assertThat(customer.getJsonArray("phones").getJsonObject(0).getString("number")).as("E.164").isEqualTo("+8613800139001");
        assertThat(customer.getJsonArray("phones").getJsonObject(0).getBoolean("primary")).isTrue();
        assertThat(customer.getJsonArray("products").getJsonObject(0).getString("warranty")).isEqualTo("in_warranty");
        assertThat(customer.getInteger("version")).isZero();
        long id = customer.getLong("id");

        HttpResponse<Buffer> samePhone = send(HttpMethod.POST, "/customers", new JsonObject().put("name", "孙丽丽")
                .put("phones", new JsonArray().add(new JsonObject().put("number", "+86 13800139001"))));
        assertProblem(samePhone, 422);
        assertThat(samePhone.bodyAsJsonObject().getJsonArray("known").getJsonObject(0).getLong("id")).isEqualTo(id);
        assertThat(samePhone.bodyAsJsonObject().getJsonArray("known").getJsonObject(0).getString("foundBy")).isEqualTo("phone");
        HttpResponse<Buffer> sameSerial = send(HttpMethod.POST, "/customers", new JsonObject().put("name", "周强")
                .put("products", new JsonArray().add(new JsonObject().put("model", "KFR-35GW").put("serialNumber", "SN-ARCHIVE-1"))));
        assertProblem(sameSerial, 422);
        assertThat(sameSerial.bodyAsJsonObject().getJsonArray("known").getJsonObject(0).getString("foundBy")).isEqualTo("serial");
        assertThat(api.database.dsl().fetchValue("SELECT count(*) FROM customer WHERE name IN ('孙丽丽', '周强')"))
                .as("nothing half-written").isEqualTo(0L);
        HttpResponse<Buffer> family = send(HttpMethod.POST, "/customers", new JsonObject().put("name", "孙丽丽").put("evenIfKnown", true)
                .put("phones", new JsonArray().add(new JsonObject().put("number", "13800139001").put("kind", "landline"))));
        assertThat(family.statusCode()).as("the same number in the family: registered when the agent says so").isEqualTo(201);

        assertProblem(send(HttpMethod.POST, "/customers", new JsonObject().put("name", "x").put("zone", "moon")), 400);
        assertProblem(send(HttpMethod.POST, "/customers", new JsonObject().put("name", "x")
                .put("phones", new JsonArray().add(new JsonObject().put("number", "call me maybe")))), 400);
        assertProblem(send(HttpMethod.POST, "/customers", new JsonObject().put("name", "x").put("customerSince", "yesterday")), 400);
        assertProblem(send(HttpMethod.POST, "/customers", new JsonObject().put("name", " ")), 400);
    }

    @Test
    void editsAreMadeAgainstTheVersionSeenAndPhonesAndProductsAreKept() {
        long id = send(HttpMethod.POST, "/customers", new JsonObject().put("name", "钱多多")
                .put("phones", new JsonArray().add(new JsonObject().put("number", "13900139002")))).bodyAsJsonObject().getLong("id");

        HttpResponse<Buffer> edited = send(HttpMethod.PATCH, "/customers/" + id, new JsonObject().put("address", "浦东新区张江路 1 号")
                .put("zone", "city").put("version", 0));
        assertThat(edited.statusCode()).as(edited.bodyAsString()).isEqualTo(200);
        assertThat(edited.bodyAsJsonObject().getInteger("version")).isEqualTo(1);
        HttpResponse<Buffer> stale = send(HttpMethod.PATCH, "/customers/" + id, new JsonObject().put("zone", "county").put("version", 0));
        assertProblem(stale, 409);
        assertThat(stale.bodyAsJsonObject().getJsonObject("current").getString("zone")).as("the current state, nothing lost")
                .isEqualTo("city");
        assertProblem(send(HttpMethod.PATCH, "/customers/999999", new JsonObject().put("name", "nobody")), 404);

        JsonArray phones = send(HttpMethod.POST, "/customers/" + id + "/phones", new JsonObject().put("number", "021-6012 3456")
                .put("kind", "work").put("primary", true)).bodyAsJsonObject().getJsonArray("phones");
        assertThat(phones).hasSize(2);
        assertThat(phones.getJsonObject(0).getString("number")).as("the one to call first, first").isEqualTo("+862160123456");
        long work = phones.getJsonObject(0).getLong("id");
        JsonArray left = send(HttpMethod.DELETE, "/customers/" + id + "/phones/" + work, null).bodyAsJsonObject().getJsonArray("phones");
        assertThat(left).hasSize(1);
        assertThat(left.getJsonObject(0).getBoolean("primary")).as("the other is now the one to call").isTrue();
        assertProblem(send(HttpMethod.DELETE, "/customers/" + id + "/phones/" + work, null), 404);
        assertProblem(send(HttpMethod.POST, "/customers/" + id + "/phones", new JsonObject().put("number", "13900139003")
                .put("kind", "pager")), 400);

        long other = send(HttpMethod.POST, "/customers", new JsonObject().put("name", "郑其")).bodyAsJsonObject().getLong("id");
        long contract = api.database.dsl().resultQuery("INSERT INTO contract (customer_id, number, starts_on, warranty_months) VALUES (?, ?, ?, 36) "
                + "RETURNING id", other, "HT-2026-" + other, LocalDate.now().minusYears(1)).fetchOne(0, Long.class);
        assertProblem(send(HttpMethod.POST, "/customers/" + id + "/products", new JsonObject().put("model", "WM-800")
                .put("contractId", contract)), 422);
        HttpResponse<Buffer> product = send(HttpMethod.POST, "/customers/" + id + "/products", new JsonObject().put("model", "WM-800")
                .put("serialNumber", "SN-ARCHIVE-2").put("quantity", 2).put("purchasedOn", "2026-01-10"));
        assertThat(product.statusCode()).as(product.bodyAsString()).isEqualTo(201);
        long asset = product.bodyAsJsonObject().getLong("id");
        assertProblem(send(HttpMethod.PATCH, "/products/" + asset, new JsonObject().put("installedOn", "2025-12-01")), 400);
        HttpResponse<Buffer> installed = send(HttpMethod.PATCH, "/products/" + asset, new JsonObject().put("installedOn", "2026-01-12")
                .put("version", 0));
        assertThat(installed.bodyAsJsonObject().getString("installedOn")).isEqualTo("2026-01-12");
        assertProblem(send(HttpMethod.PATCH, "/products/" + asset, new JsonObject().put("quantity", 3).put("version", 0)), 409);
        assertThat(send(HttpMethod.GET, "/customers/" + id + "/products", null).bodyAsJsonObject().getJsonArray("products")
                .getJsonObject(0).getInteger("quantity")).isEqualTo(2);
        assertThat(send(HttpMethod.GET, "/customers/" + other + "/contracts", null).bodyAsJsonObject().getJsonArray("contracts")
                .getJsonObject(0).getInteger("warrantyMonths")).isEqualTo(36);
        assertProblem(send(HttpMethod.GET, "/customers/999999/contracts", null), 404);
    }
}
