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
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.customers.PhoneNumbers;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.ContactRecord;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordDetail;
import org.hotline.desk.records.RecordEdit;
import org.hotline.desk.records.RecordFilter;
import org.hotline.desk.records.RecordList;
import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.records.RecordTimeline;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.records.Workflow;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;


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
        router.get("/records").handler(bearer.authenticated()).handler(this::list);
        router.get("/records/:id").handler(bearer.authenticated()).handler(this::show);
        router.get("/records/:id/timeline").handler(bearer.authenticated()).handler(this::timeline);
        router.patch("/records/:id").handler(bearer.authenticated()).handler(this::edit);
        router.post("/records/:id/transitions").handler(bearer.authenticated()).handler(this::transition);
        router.post("/records/:id/notes").handler(bearer.authenticated()).handler(this::note);
        router.post("/records/:id/escalations").handler(bearer.authenticated()).handler(this::escalate);
    }

    private static final List<String> CHANNELS = List.of("phone", "letter", "email", "walk_in", "web");
    private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    private static final List<String> URGENCIES = List.of("normal", "urgent", "safety");

    /** Registers a record with what the registration form holds (《售后问题登记表》); a complaint with its details. */
    private void create(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String type = body.text("type", 30);
        String phone = body.optionalText("phone", 30);
        String channel = body.presentText("channel", 20).orElse("phone");
        String priority = body.presentText("priority", 10).orElse("normal");
        String urgency = body.presentText("urgency", 10).orElse("normal");
        Optional<Long> customer = body.optionalId("customerId");
        Optional<Long> asset = body.optionalId("assetId");
        Optional<String> contact = body.presentText("contactName", 100).filter(t -> !t.isBlank());
        Optional<String> address = body.presentText("address", 300).filter(t -> !t.isBlank());
        Optional<String> zone = body.presentText("zone", 40);
        Optional<Integer> distance = body.presentInteger("distanceKm", 0, 40_000);
        Optional<String> summary = body.presentText("summary", 500).filter(t -> !t.isBlank());
        Optional<String> fault = body.presentText("faultDescription", 2000).filter(t -> !t.isBlank());
        Optional<org.hotline.desk.records.NewComplaint> complaint = Optional.empty();
        if (body.json().getValue("complaint") instanceof io.vertx.core.json.JsonObject details) {
            complaint = Optional.of(complaint(body, details));
        }
        Optional<String> idempotencyKey = Optional.ofNullable(ctx.request().getHeader("Idempotency-Key")).filter(k -> !k.isBlank());
        idempotencyKey.filter(k -> k.length() > 100 || RequestBody.hasControlCharacters(k))
                .ifPresent(k -> body.wrong("Idempotency-Key: at most 100 characters, no control characters"));
        if (!CHANNELS.contains(channel)) {
            body.wrong("channel: one of " + String.join(", ", CHANNELS));
        }
        if (!PRIORITIES.contains(priority)) {
            body.wrong("priority: one of " + String.join(", ", PRIORITIES));
        }
        if (!URGENCIES.contains(urgency)) {
            body.wrong("urgency: one of " + String.join(", ", URGENCIES));
        }
        zone.filter(z -> !desk.zones().contains(z)).ifPresent(z -> body.wrong("zone: one of " + String.join(", ", desk.zones())));
        body.check();
        RecordType recordType = parse(RecordType.class, type, "type");
        if (complaint.isPresent() && recordType != RecordType.COMPLAINT) {
            throw new InvalidRequest(List.of("complaint: only for a record of type complaint"));
        }
        Optional<String> e164 = phone.isEmpty() ? Optional.empty() : Optional.of(phones.normalize(phone)
                .orElseThrow(() -> new InvalidRequest(List.of("phone: not a phone number"))));
        NewRecord record = new NewRecord(recordType, channel, priority, urgency, customer, asset, e164, contact, address, zone,
                distance, summary, fault, false, Optional.empty(), idempotencyKey, Optional.empty());
        if (complaint.isPresent()) {
            record = record.withComplaint(complaint.get());
        }
        NewRecord registered = record;
        User user = Bearer.user(ctx);
        DeskWork.run(vertx, ctx, () -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            customer.ifPresent(id -> org.hotline.desk.access.References.customer(db, id));
            asset.ifPresent(id -> org.hotline.desk.access.References.assetOf(db, id, customer));
            return desk.createRecord(registered, actor(user));
        }, created -> ctx.response().setStatusCode(201)
                .putHeader("Location", ctx.request().path() + "/" + created.id()).end(json(created).encode()));
    }

    /**
     * The records a worklist shows, newest first, a page at a time: {@code assignee} (me or an
     * agent's id), {@code department}, {@code status} and {@code type} (comma-separated),
     * {@code open}, {@code atRisk}, {@code breached}, {@code customerId}, {@code createdFrom} and
     * {@code createdTo} (days in the hotline's time zone, or instants), {@code q} (the number, or
     * text in the summary or fault), {@code limit} (1 to 200, 50), {@code cursor} (the page's
     * {@code next}).
     */
    private void list(RoutingContext ctx) {
        var params = ctx.queryParams();
        List<String> errors = new java.util.ArrayList<>();
        User user = Bearer.user(ctx);
        Optional<Long> assignee = Optional.ofNullable(params.get("assignee")).filter(a -> !a.isBlank())
                .map(a -> a.equals("me") ? Long.valueOf(user.id()) : positive(a, "assignee", errors));
        List<RecordStatus> statuses = values(params.get("status"), RecordStatus.class, "status", errors);
        List<RecordType> types = values(params.get("type"), RecordType.class, "type", errors);
        Optional<Long> customer = Optional.ofNullable(params.get("customerId")).filter(c -> !c.isBlank())
                .map(c -> positive(c, "customerId", errors));
        Optional<java.time.Instant> from = instant(params.get("createdFrom"), "createdFrom", errors, false);
        Optional<java.time.Instant> to = instant(params.get("createdTo"), "createdTo", errors, true);
        Optional<String> text = Optional.ofNullable(params.get("q")).map(String::strip).filter(q -> !q.isEmpty());
        text.filter(q -> q.length() > 100 || RequestBody.hasControlCharacters(q)).ifPresent(q -> errors.add("q: at most 100 characters"));
        int limit = Optional.ofNullable(params.get("limit")).map(l -> positive(l, "limit", errors)).orElse(50L).intValue();
        if (limit > 200) {
            errors.add("limit: from 1 to 200");
        }
        Optional<String> department = Optional.ofNullable(params.get("department")).filter(d -> !d.isBlank());
        department.filter(d -> d.length() > 60 || RequestBody.hasControlCharacters(d)).ifPresent(d -> errors.add("department: at most 60 characters"));
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        RecordFilter filter = new RecordFilter(assignee, department, statuses, types, flag(params.get("open")), flag(params.get("atRisk")),
                flag(params.get("breached")), customer, from, to, text);
        Optional<String> cursor = Optional.ofNullable(params.get("cursor")).filter(c -> !c.isBlank());
        DeskWork.run(vertx, ctx, () -> RecordList.page(DSL.using(dataSource, SQLDialect.POSTGRES), filter, cursor, limit),
                page -> ctx.json(new JsonObject().put("records", new JsonArray(page.rows().stream().map(RecordRoutes::json).toList()))
                        .put("next", page.next().orElse(null))));
    }

    private static JsonObject json(RecordList.Row r) {
        return new JsonObject().put("id", r.id()).put("number", r.number()).put("type", r.type().dbName()).put("status", r.status().dbName())
                .put("priority", r.priority()).put("urgency", r.urgency()).put("customerId", r.customerId().orElse(null))
                .put("customerName", r.customerName().orElse(null)).put("summary", r.summary().orElse(null))
                .put("createdAt", r.createdAt().toString()).put("handlerAgentId", r.handlerAgentId().orElse(null))
                .put("handlerName", r.handlerName().orElse(null)).put("handlerDepartment", r.handlerDepartment().orElse(null))
                .put("nextDeadline", r.nextDeadline().map(java.time.Instant::toString).orElse(null)).put("atRisk", r.atRisk())
                .put("breached", r.breached());
    }

    private static boolean flag(String value) {
        return "true".equals(value);
    }

    private static long positive(String value, String name, List<String> errors) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        errors.add(name + ": a positive whole number");
        return 1;
    }

    private static <E extends Enum<E>> List<E> values(String list, Class<E> type, String name, List<String> errors) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<E> values = new java.util.ArrayList<>();
        for (String value : list.split(",")) {
            try {
                values.add(parse(type, value.strip(), name));
            } catch (InvalidRequest wrong) {
                errors.addAll(wrong.errors());
            }
        }
        return values;
    }

    /** A day in the hotline's time zone (its start, or the next day's start for an end) or an instant. */
    private Optional<java.time.Instant> instant(String value, String name, List<String> errors, boolean end) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            if (value.length() == 10) {
                java.time.LocalDate day = java.time.LocalDate.parse(value);
                return Optional.of((end ? day.plusDays(1) : day).atStartOfDay(desk.timeZone()).toInstant());
            }
            return Optional.of(java.time.OffsetDateTime.parse(value).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(name + ": a day like 2026-11-23 or an instant like 2026-11-23T09:00:00+08:00");
            return Optional.empty();
        }
    }

    private static org.hotline.desk.records.NewComplaint complaint(RequestBody body, io.vertx.core.json.JsonObject details) {
        String complainant = details.getValue("complainant") instanceof String c && !c.isBlank() && c.length() <= 100 ? c : null;
        String kind = details.getString("complaintType", "other");
        if (complainant == null || !org.hotline.desk.complaints.ComplaintFindings.COMPLAINT_TYPE.contains(kind)) {
            body.wrong("complaint: complainant (text, at most 100) and complaintType (one of "
                    + String.join(", ", new java.util.TreeSet<>(org.hotline.desk.complaints.ComplaintFindings.COMPLAINT_TYPE)) + ")");
            return org.hotline.desk.records.NewComplaint.of("", "other");
        }
        var base = new org.hotline.desk.records.NewComplaint(complainant, kind, text(details, "targetKind"), text(details, "target"),
                text(details, "demand"), text(details, "content"), "serious".equals(details.getString("severity")) ? "serious" : "minor",
                Optional.empty());
        return text(details, "crisisKind").map(base::withCrisis).orElse(base);
    }

    private static Optional<String> text(io.vertx.core.json.JsonObject json, String field) {
        return json.getValue(field) instanceof String t && !t.isBlank() ? Optional.of(t) : Optional.empty();
    }

    private void show(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        DeskWork.run(vertx, ctx, () -> RecordDetail.of(DSL.using(dataSource, SQLDialect.POSTGRES), id)
                .orElseThrow(() -> new IllegalArgumentException("no record " + id)), detail -> ctx.json(json(detail)));
    }

    private static JsonObject json(RecordDetail detail) {
        var r = detail.record();
        return new JsonObject().put("id", r.getId()).put("number", r.getNumber()).put("type", r.getType())
                .put("status", r.getStatus()).put("priority", r.getPriority()).put("urgency", r.getUrgency()).put("channel", r.getChannel())
                .put("customerId", r.getCustomerId()).put("assetId", r.getAssetId()).put("phone", r.getPhone())
                .put("contactName", r.getContactName()).put("address", r.getAddress()).put("zone", r.getZone())
                .put("distanceKm", r.getDistanceKm()).put("summary", r.getSummary()).put("faultDescription", r.getFaultDescription())
                .put("warranty", r.getWarrantyStatus()).put("chargingClass", r.getChargingClass())
                .put("handlerAgentId", r.getHandlerAgentId()).put("handlerDepartment", r.getHandlerDepartment())
                .put("version", r.getVersion()).put("createdAt", r.getCreatedAt().toInstant().toString())
                .put("next", next(RecordType.fromDb(r.getType()), RecordStatus.fromDb(r.getStatus())))
                .put("clocks", new JsonArray(detail.clocks().stream().map(c -> new JsonObject().put("milestone", c.milestone())
                        .put("state", c.state()).put("deadline", c.deadline().map(java.time.Instant::toString).orElse(null))
                        .put("atRiskAt", c.atRiskAt().map(java.time.Instant::toString).orElse(null))
                        .put("breachedAt", c.breachedAt().map(java.time.Instant::toString).orElse(null))).toList()))
                .put("events", new JsonArray(detail.trail().stream().map(e -> new JsonObject().put("at", e.at().toString())
                        .put("event", e.event()).put("by", e.by().orElse(null)).put("from", e.from().orElse(null))
                        .put("to", e.to().orElse(null)).put("reason", e.reason().orElse(null))).toList()));
    }

    /** Everything that happened to the record, oldest first ({@link RecordTimeline}). */
    private void timeline(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        DeskWork.run(vertx, ctx, () -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            desk.record(id); // "no record N": 404
            return RecordTimeline.of(db, id);
        }, entries -> ctx.json(new JsonObject().put("recordId", id).put("timeline", new JsonArray(entries.stream()
                .map(e -> new JsonObject().put("at", e.at().toString()).put("kind", e.kind().name().toLowerCase(Locale.ROOT))
                        .put("what", e.what()).put("by", e.by().orElse(null)).put("details", new JsonObject(e.details())))
                .toList()))));
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
        }, record -> ctx.json(json(record)), stale -> RecordDetail.of(DSL.using(dataSource, SQLDialect.POSTGRES), id)
                .map(RecordRoutes::json).orElse(null));
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
