package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found over a simulated fortnight: a complaint's eight steps kept none of their data (validity,
 * cause, severity, investigation, fix, responsibility, improvement, case owner), so the KPI's
 * complaint sections counted nothing. Each step's findings are now recorded and in the trail.
 */
class ComplaintFindingsTest {

    @RegisterExtension
    static final TestApi api = new TestApi();

    @Test
    void aComplaintsStepsRecordWhatTheyFoundAndEachChangeIsInTheTrail() {
        long handler = api.user("zhou.handler", "agent", "handler-password-long-1");
        String token = api.token("zhou.handler", "handler-password-long-1");
        long complaint = api.database.dsl().resultQuery("INSERT INTO contact_record (number, type, status) "
                + "VALUES ('C-1', 'complaint', 'recorded') RETURNING id").fetchOne(0, Long.class);
        api.database.dsl().execute("INSERT INTO complaint (record_id, complainant, complaint_type) VALUES (" + complaint
                + ", '张三', 'quality')");

        HttpResponse<Buffer> judged = api.send(HttpMethod.PATCH, "/records/" + complaint + "/complaint", token, new JsonObject()
                .put("validity", "upheld").put("causeClass", "quality").put("concern", "product").put("severity", "serious")
                .put("caseOwnerAgentId", handler));
        assertThat(judged.statusCode()).as(judged.bodyAsString()).isEqualTo(200);
        api.send(HttpMethod.PATCH, "/records/" + complaint + "/complaint", token, new JsonObject()
                .put("investigation", "compressor batch 2026-07 fails after 3 months").put("proposedFix", "replace the compressor")
                .put("responsibility", "supplier").put("rewardPenalty", "supplier pays the repair").put("improvement", "incoming inspection"));
        JsonObject stored = api.send(HttpMethod.PATCH, "/records/" + complaint + "/complaint", token, new JsonObject()).bodyAsJsonObject();
        assertThat(stored.getString("validity")).isEqualTo("upheld");
        assertThat(stored.getString("severity")).isEqualTo("serious");
        assertThat(stored.getString("proposedFix")).isEqualTo("replace the compressor");
        assertThat(stored.getLong("caseOwnerAgentId")).isEqualTo(handler);
        assertThat(api.database.dsl().fetchValue("SELECT count(*) FROM record_event WHERE record_id = " + complaint
                + " AND event_type = 'complaint_findings'")).as("two changes, the empty one none").isEqualTo(2L);

        // the customer's reaction, round by round: unhappy twice escalates to the manager (escalation.unhappy-rounds)
        api.send(HttpMethod.POST, "/records/" + complaint + "/complaint/reactions", token,
                new JsonObject().put("satisfied", false).put("note", "the repair took too long"));
        JsonObject reactions = api.send(HttpMethod.POST, "/records/" + complaint + "/complaint/reactions", token,
                new JsonObject().put("satisfied", false).put("note", "still broken")).bodyAsJsonObject();
        assertThat(reactions.getInteger("unhappyRounds")).isEqualTo(2);
        assertThat(reactions.getJsonArray("rounds")).hasSize(2);
        assertThat(reactions.getJsonArray("rounds").getJsonObject(1).getString("note")).isEqualTo("still broken");
        assertThat(api.database.dsl().fetchValue("SELECT level FROM escalation WHERE record_id = " + complaint)).isEqualTo("manager");
        assertThat(api.send(HttpMethod.POST, "/records/" + complaint + "/complaint/reactions", token, new JsonObject())
                .statusCode()).as("satisfied or not is required").isEqualTo(400);

        assertThat(api.send(HttpMethod.PATCH, "/records/" + complaint + "/complaint", token, new JsonObject().put("validity", "maybe"))
                .statusCode()).isEqualTo(400);
        assertThat(api.send(HttpMethod.PATCH, "/records/" + complaint + "/complaint", token, new JsonObject().put("caseOwnerAgentId", 999999))
                .statusCode()).as("no such agent").isEqualTo(422);
        long repair = api.database.dsl().resultQuery("INSERT INTO contact_record (number, type, status) "
                + "VALUES ('R-1', 'repair', 'registered') RETURNING id").fetchOne(0, Long.class);
        HttpResponse<Buffer> notAComplaint = api.send(HttpMethod.PATCH, "/records/" + repair + "/complaint", token,
                new JsonObject().put("severity", "minor"));
        assertThat(notAComplaint.statusCode()).isEqualTo(409);
        assertThat(notAComplaint.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(api.send(HttpMethod.GET, "/records/" + repair + "/complaint", token, null).statusCode()).isEqualTo(404);
    }

    /** A complaint registered through the API has its complaint at once; judged of another type, it goes to that type's department. */
    @Test
    void aComplaintJudgedOfAnotherTypeGoesToThatTypesDepartment() {
        api.user("sun.handler", "agent", "handler-password-long-2");
        String token = api.token("sun.handler", "handler-password-long-2");
        HttpResponse<Buffer> made = api.send(HttpMethod.POST, "/records", token, new JsonObject().put("type", "complaint")
                .put("summary", "the delivery crushed the box"));
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
        long id = made.bodyAsJsonObject().getLong("id");

        JsonObject taken = api.send(HttpMethod.GET, "/records/" + id + "/complaint", token, null).bodyAsJsonObject();
        assertThat(taken.getString("complaintType")).isEqualTo("other");
        assertThat(taken.getString("handlerDepartment")).isEqualTo("service_management");
        assertThat(taken.getString("validity")).isEqualTo("pending");

        JsonObject judged = api.send(HttpMethod.PATCH, "/records/" + id + "/complaint", token, new JsonObject()
                .put("validity", "upheld").put("complaintType", "transport_damage")).bodyAsJsonObject();
        assertThat(judged.getString("handlerDepartment")).isEqualTo("logistics");
        assertThat(api.send(HttpMethod.GET, "/records/" + id, token, null).bodyAsJsonObject().getString("handlerDepartment"))
                .isEqualTo("logistics");
        assertThat(api.send(HttpMethod.PATCH, "/records/" + id + "/complaint", token, new JsonObject().put("complaintType", "weather"))
                .statusCode()).isEqualTo(400);
    }
}
