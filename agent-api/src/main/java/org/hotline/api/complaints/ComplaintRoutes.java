package org.hotline.api.complaints;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.RequestBody;
import org.hotline.api.auth.Bearer;
import org.hotline.api.auth.User;
import org.hotline.api.customers.CustomerRoutes;
import org.hotline.api.problem.InvalidRequest;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.complaints.ComplaintFindings;
import org.hotline.desk.complaints.Complaints;
import org.hotline.desk.records.Actor;
import org.hotline.schema.jooq.tables.records.ComplaintRecord;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.List;

/**
 * {@code GET /records/{id}/complaint}: the complaint as its steps left it; {@code PATCH}: what its
 * steps found and decided (validity and type, which routes it to its handling department, cause class, concern, severity, the investigation, the proposed fix, responsibility with its
 * reward or penalty, improvement measures, the case owner). Only the parts sent change; each
 * change is in the record's trail. By the record's handler, anyone while it is unassigned, and
 * supervisors (as for its steps).
 */
public final class ComplaintRoutes {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final ServiceDesk desk;

    public ComplaintRoutes(Vertx vertx, DataSource dataSource, ServiceDesk desk) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.desk = desk;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/records/:id/complaint").handler(bearer.authenticated()).handler(this::complaint);
        router.patch("/records/:id/complaint").handler(bearer.authenticated()).handler(this::findings);
        router.post("/records/:id/complaint/reactions").handler(bearer.authenticated()).handler(this::reaction);
    }

    private void findings(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        var validity = body.presentText("validity", 20);
        var complaintType = body.presentText("complaintType", 20);
        var causeClass = body.presentText("causeClass", 20);
        var concern = body.presentText("concern", 20);
        var severity = body.presentText("severity", 20);
        var investigation = body.presentText("investigation", 4000);
        var proposedFix = body.presentText("proposedFix", 4000);
        var responsibility = body.presentText("responsibility", 1000);
        var rewardPenalty = body.presentText("rewardPenalty", 1000);
        var improvement = body.presentText("improvement", 4000);
        var caseOwner = body.optionalId("caseOwnerAgentId");
        body.check();
        ComplaintFindings findings;
        try {
            findings = new ComplaintFindings(validity, complaintType, causeClass, concern, severity, investigation, proposedFix, responsibility,
                    rewardPenalty, improvement, caseOwner);
        } catch (IllegalArgumentException wrong) {
            throw new InvalidRequest(List.of(wrong.getMessage()));
        }
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            org.hotline.desk.access.RecordAccess.checkChange(db, id, Bearer.who(user));
            caseOwner.ifPresent(owner -> org.hotline.desk.access.References.activeAgent(db, owner));
            desk.complaintFindings(id, findings, Actor.agent(user.id(), user.username()));
            return json(desk.complaint(id).orElseThrow());
        }, ctx::json);
    }

    /** The complaint as its steps left it: findings, handling department, the customer's reactions round by round. */
    private void complaint(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        // every agent reads every record (RecordAccess)
        DeskWork.run(vertx, ctx, () -> json(desk.complaint(id).orElseThrow(() ->
                new IllegalArgumentException("no complaint on record " + id))), ctx::json);
    }

    /** The customer's reaction after a round of handling; unhappy rounds escalate (escalation.unhappy-rounds). */
    private void reaction(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        boolean satisfied = body.json().getBoolean("satisfied", false);
        String note = body.optionalText("note", 2000);
        body.check();
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            org.hotline.desk.access.RecordAccess.checkChange(DSL.using(dataSource, SQLDialect.POSTGRES), id, Bearer.who(user));
            int unhappy = desk.customerReaction(id, satisfied, Actor.agent(user.id(), user.username()), note);
            return new JsonObject().put("recordId", id).put("unhappyRounds", unhappy).put("rounds", rounds(desk.complaintRounds(id)));
        }, ctx::json);
    }

    private static io.vertx.core.json.JsonArray rounds(List<Complaints.Round> rounds) {
        return new io.vertx.core.json.JsonArray(rounds.stream().map(r -> new JsonObject().put("round", r.round())
                .put("satisfied", r.satisfied()).put("note", r.note().orElse(null)).put("takenBy", r.takenBy().orElse(null))
                .put("at", r.at().toString())).toList());
    }

    static JsonObject json(Complaints.Complaint complaint) {
        ComplaintRecord c = complaint.findings();
        return new JsonObject().put("recordId", c.getRecordId()).put("complaintType", c.getComplaintType())
                .put("handlerDepartment", complaint.handlerDepartment().orElse(null))
                .put("validity", c.getValidity()).put("causeClass", c.getCauseClass()).put("concern", c.getConcern())
                .put("severity", c.getSeverity()).put("investigation", c.getHandlingProcess()).put("proposedFix", c.getResult())
                .put("responsibility", c.getResponsibility()).put("rewardPenalty", c.getRewardPenalty())
                .put("improvement", c.getImprovement()).put("caseOwnerAgentId", c.getCaseOwnerAgentId())
                .put("customerReaction", c.getCustomerReaction()).put("unhappyRounds", c.getUnhappyRounds())
                .put("rounds", rounds(complaint.rounds()));
    }
}
