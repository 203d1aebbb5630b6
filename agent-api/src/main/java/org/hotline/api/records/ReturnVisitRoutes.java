package org.hotline.api.records;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.RequestBody;
import org.hotline.api.auth.Bearer;
import org.hotline.api.auth.User;
import org.hotline.api.customers.CustomerRoutes;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.records.Actor;
import org.hotline.desk.surveys.ReturnVisitAnswer;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /records/{id}/return-visit} {@code {"answers": [{"question", "score" | "level" |
 * "text"}]}}: the agent enters what the customer said on a return visit by phone (satisfaction
 * 1 to 5; attitude, skill, punctuality as excellent, good, fair, poor; a suggestion); the record
 * moves to its return visit and the answers count like the IVR survey's.
 */
public final class ReturnVisitRoutes {

    private final Vertx vertx;
    private final javax.sql.DataSource dataSource;
    private final ServiceDesk desk;

    public ReturnVisitRoutes(Vertx vertx, javax.sql.DataSource dataSource, ServiceDesk desk) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.desk = desk;
    }

    public void mount(Router router, Bearer bearer) {
        router.post("/records/:id/return-visit").handler(bearer.authenticated()).handler(this::returnVisit);
    }

    private void returnVisit(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        List<ReturnVisitAnswer> answers = new ArrayList<>();
        for (RequestBody answer : body.objects("answers", 10)) {
            String question = answer.text("question", 40);
            var score = answer.presentInteger("score", 1, 5);
            var level = answer.presentText("level", 20);
            var text = answer.presentText("text", 2000).filter(t -> !t.isBlank());
            try {
                answers.add(new ReturnVisitAnswer(question, score, level, text));
            } catch (IllegalArgumentException wrong) {
                answer.wrong("answers: " + wrong.getMessage());
            }
        }
        if (answers.isEmpty() && body.json().getValue("answers") == null) {
            body.wrong("answers: what the customer said, at least one");
        }
        if (answers.stream().map(ReturnVisitAnswer::question).distinct().count() < answers.size()) {
            body.wrong("answers: each question once");
        }
        body.check();
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            org.hotline.desk.access.RecordAccess.checkChange(org.jooq.impl.DSL.using(dataSource, org.jooq.SQLDialect.POSTGRES), id, Bearer.who(user));
            return desk.returnVisit(id, answers, Actor.agent(user.id(), user.username()));
        }, response -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("recordId", id).put("responseId", response).put("status", "return_visit").encode()));
    }
}
