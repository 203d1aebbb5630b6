package org.hotline.api.records;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.RequestBody;
import org.hotline.api.auth.Bearer;
import org.hotline.api.auth.User;
import org.hotline.api.customers.CustomerRoutes;
import org.hotline.api.problem.InvalidRequest;
import org.hotline.api.problem.Problem;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.customers.PhoneNumbers;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.ContactRecord;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordEdit;
import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.records.Workflow;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.RECORD_EVENT;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/**
 * Records for agents: {@code POST /records} (type, customer, phone, summary, fault, priority),
 * {@code GET /records/{id}} (with its SLA clocks and its audit trail), {@code PATCH /records/{id}}
 * (summary, fault, address; 409 when it changed since the version sent), and on a record
 * {@code POST /transitions} (the workflow's next step; 409 when the workflow does not allow it),
 * {@code /notes} and {@code /escalations}; each by the signed-in agent, in the audit trail.
 */
public final class RecordRoutes {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final ServiceDesk desk;
    private final PhoneNumbers phones;

    public RecordRoutes(Vertx vertx, DataSource dataSource, ServiceDesk desk, PhoneNumbers phones) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.desk = desk;
        this.phones = phones;
    }

    public void mount(Router router, Bearer bearer) {
        router.post("/records").handler(bearer.authenticated()).handler(this::create);
        router.get("/records/:id").handler(bearer.authenticated()).handler(this::show);
        router.patch("/records/:id").handler(bearer.authenticated()).handler(this::edit);
        router.post("/records/:id/transitions").handler(bearer.authenticated()).handler(this::transition);
        router.post("/records/:id/notes").handler(bearer.authenticated()).handler(this::note);
        router.post("/records/:id/escalations").handler(bearer.authenticated()).handler(this::escalate);
    }

    private void create(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String type = body.text("type", 30);
        String phone = body.optionalText("phone", 30);
        String summary = body.optionalText("summary", 500);
        String fault = body.optionalText("faultDescription", 2000);
        String priority = body.optionalText("priority", 10);
        Optional<Long> customer = body.optionalId("customerId");
        body.check();
        RecordType recordType = parse(RecordType.class, type, "type");
        if (!priority.isEmpty() && !List.of("low", "normal", "high", "urgent").contains(priority)) {
            throw new InvalidRequest(List.of("priority: one of low, normal, high, urgent"));
        }
        Optional<String> e164 = phone.isEmpty() ? Optional.empty() : Optional.of(phones.normalize(phone)
                .orElseThrow(() -> new InvalidRequest(List.of("phone: not a phone number"))));
        NewRecord base = NewRecord.of(recordType);
        NewRecord record = new NewRecord(recordType, "phone", priority.isEmpty() ? "normal" : priority, base.urgency(), customer,
                Optional.empty(), e164, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(summary).filter(s -> !s.isEmpty()), Optional.of(fault).filter(s -> !s.isEmpty()), false,
                Optional.empty(), Optional.empty(), Optional.empty());
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            customer.ifPresent(id -> org.hotline.desk.access.References.customer(DSL.using(dataSource, SQLDialect.POSTGRES), id));
            return desk.createRecord(record, actor(user));
        }, created -> ctx.response().setStatusCode(201)
                .putHeader("Location", ctx.request().path() + "/" + created.id()).end(json(created).encode()));
    }

    private void show(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        DeskWork.run(vertx, ctx, () -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            var r = db.selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(id)).fetchOne();
            if (r == null) {
                return null;
            }
            JsonObject record = new JsonObject().put("id", r.getId()).put("number", r.getNumber()).put("type", r.getType())
                    .put("status", r.getStatus()).put("priority", r.getPriority()).put("customerId", r.getCustomerId())
                    .put("phone", r.getPhone()).put("summary", r.getSummary()).put("faultDescription", r.getFaultDescription())
                    .put("warranty", r.getWarrantyStatus()).put("handlerDepartment", r.getHandlerDepartment()).put("version", r.getVersion())
                    .put("createdAt", r.getCreatedAt().toInstant().toString())
                    .put("next", next(RecordType.fromDb(r.getType()), RecordStatus.fromDb(r.getStatus())));
            record.put("clocks", new JsonArray(db.selectFrom(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(id)).orderBy(SLA_CLOCK.ID)
                    .fetch(c -> new JsonObject().put("milestone", c.getMilestoneCode()).put("state", c.getState())
                            .put("deadline", c.getDeadlineAt() == null ? null : c.getDeadlineAt().toInstant().toString()))));
            record.put("events", new JsonArray(db.selectFrom(RECORD_EVENT).where(RECORD_EVENT.RECORD_ID.eq(id)).orderBy(RECORD_EVENT.ID)
                    .fetch(e -> new JsonObject().put("at", e.getOccurredAt().toInstant().toString()).put("event", e.getEventType())
                            .put("by", e.getActorName()).put("from", e.getFromStatus()).put("to", e.getToStatus())
                            .put("reason", e.getReason()))));
            return record;
        }, record -> {
            if (record == null) {
                Problem.of(404, "Not found", "no record " + id).send(ctx);
            } else {
                ctx.json(record);
            }
        });
    }

    /** {@code PATCH /records/{id}} {summary, faultDescription, address, version}: only the fields sent change. */
    private void edit(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        RecordEdit edit = new RecordEdit(body.presentText("summary", 500), body.presentText("faultDescription", 2000),
                body.presentText("address", 300), body.presentText("zone", 40), body.optionalInteger("distanceKm"),
                body.optionalInteger("version"));
        body.check();
        if (edit.isEmpty()) {
            throw new InvalidRequest(List.of("body: give summary, faultDescription, address, zone or distanceKm"));
        }
        edit.zone().filter(zone -> !desk.zones().contains(zone)).ifPresent(zone -> {
            throw new InvalidRequest(List.of("zone: one of " + String.join(", ", desk.zones())));
        });
        edit.distanceKm().filter(km -> km < 0 || km > 40_000).ifPresent(km -> {
            throw new InvalidRequest(List.of("distanceKm: from 0 to 40000"));
        });
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            mayChange(id, user);
            return desk.editRecord(id, edit, actor(user));
        }, record -> ctx.json(json(record)));
    }

    private void transition(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        String to = body.text("to", 40);
        String reason = body.optionalText("reason", 500);
        String technician = body.optionalText("technician", 100);
        body.check();
        RecordStatus status = parse(RecordStatus.class, to, "to");
        if (!technician.isEmpty() && status != RecordStatus.DISPATCHED) {
            throw new InvalidRequest(List.of("technician: only when dispatching (to: dispatched)"));
        }
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            mayChange(id, user);
            return technician.isEmpty() ? desk.transition(id, status, actor(user), reason) : desk.dispatch(id, technician, actor(user), reason);
        }, record -> ctx.json(json(record)));
    }

    private void note(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        String text = body.text("text", 2000);
        body.check();
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            desk.recordEvent(id, "note", actor(user), text);
            return id;
        }, x -> ctx.response().setStatusCode(204).end());
    }

    private void escalate(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        String level = body.text("level", 20);
        String reason = body.text("reason", 500);
        body.check();
        if (!List.of("supervisor", "manager", "leadership").contains(level)) {
            throw new InvalidRequest(List.of("level: one of supervisor, manager, leadership"));
        }
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            mayChange(id, user);
            return desk.escalate(id, level, actor(user), reason);
        },
                escalation -> ctx.response().setStatusCode(201).end(new JsonObject().put("escalationId", escalation).encode()));
    }

    /** The record's assignee, anyone while it has none, supervisors always ({@link org.hotline.desk.access.RecordAccess}). */
    private void mayChange(long id, User user) {
        org.hotline.desk.access.RecordAccess.checkChange(DSL.using(dataSource, SQLDialect.POSTGRES), id, Bearer.who(user));
    }

    private static Actor actor(User user) {
        return Actor.agent(user.id(), user.username());
    }

    private static JsonObject json(ContactRecord r) {
        return new JsonObject().put("id", r.id()).put("number", r.number()).put("type", r.type().dbName())
                .put("status", r.status().dbName()).put("priority", r.priority()).put("customerId", r.customerId().orElse(null))
                .put("warranty", r.warrantyStatus()).put("handlerDepartment", r.handlerDepartment().orElse(null))
                .put("version", r.version()).put("next", next(r.type(), r.status()));
    }

    /** The statuses the record's workflow allows next (and cancelled, while it is open). */
    private static JsonArray next(RecordType type, RecordStatus status) {
        return new JsonArray(Workflow.of(type).nextOf(status).stream().map(RecordStatus::dbName).toList());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value.toUpperCase(Locale.ROOT).replace('-', '_')))
                .findFirst().orElseThrow(() -> new InvalidRequest(List.of(field + ": '" + value + "' is not one of "
                        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()))));
    }
}
