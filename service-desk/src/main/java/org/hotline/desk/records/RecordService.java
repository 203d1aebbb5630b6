package org.hotline.desk.records;

import org.hotline.desk.callbacks.CallbackReason;
import org.hotline.desk.callbacks.CallbackService;
import org.hotline.desk.callbacks.NewCallback;
import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.hotline.desk.events.EventOutbox;
import org.hotline.desk.settings.DeskSettings;
import org.hotline.desk.sla.RecordClocks;
import org.hotline.desk.sla.RecordFacts;
import org.hotline.desk.sla.SlaClockRepository;
import org.hotline.desk.sla.SlaPolicies;
import org.hotline.desk.warranty.Warranty;
import org.hotline.desk.warranty.WarrantyStatus;
import org.hotline.schema.jooq.tables.records.ContactRecordRecord;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.COMPLAINT;
import static org.hotline.schema.jooq.Tables.COMPLAINT_ROUND;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;
import static org.hotline.schema.jooq.Tables.WORK_ORDER;

/**
 * Creates records and moves them through their workflows, inside the caller's transaction:
 * every change is checked against the {@link Workflow}, written to the audit trail with who,
 * when and why, applied to the record's SLA clocks, and announced as a domain event.
 */
public final class RecordService {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final SlaPolicies policies;
    private final org.hotline.desk.escalations.Escalations escalations;
    private final SlaClockRepository clocks;
    private final DeskSettings settings;
    private final CallbackService callbacks;
    private final Clock clock;
    /** A callback the desk makes itself falls due while the hotline is open (callbacks.open-hours), not at night. */
    private final org.hotline.desk.callbacks.OpenHours openHours;
    private final org.hotline.desk.callbacks.FollowUps followUps;

    public RecordService(SlaPolicies policies, DeskSettings settings, CallbackService callbacks,
                         org.hotline.desk.escalations.Escalations escalations, org.hotline.desk.callbacks.FollowUps followUps,
                         Clock clock) {
        this.followUps = followUps;
        this.escalations = escalations;
        this.policies = policies;
        this.clocks = new SlaClockRepository(policies);
        this.settings = settings;
        this.callbacks = callbacks;
        this.clock = clock;
        this.openHours = org.hotline.desk.callbacks.OpenHours.of(settings.callbacks(), policies);
    }

    /**
     * Creates a record with its SLA clocks and, when there is a phone number, its first-contact
     * callback. With an idempotency key already used, returns the record made then.
     */
    public ContactRecord create(DSLContext tx, NewRecord n, Actor actor) {
        if (n.idempotencyKey().isPresent()) { // the whole record read only when the key was used
            Optional<Long> existing = NewRecordStatements.BY_KEY.with("key", n.idempotencyKey().get()).fetchOptional(tx, Long.class);
            if (existing.isPresent()) {
                return ContactRecord.of(tx.selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(existing.get())).fetchSingle());
            }
        }
        n = withCustomersPlace(tx, n);
        if (n.type() == RecordType.COMPLAINT && n.complaint().isEmpty()) {
            n = n.withComplaint(NewComplaint.of(complainant(tx, n), "other")); // judged at its validity step
        }
        Instant now = clock.instant();
        WarrantyStatus warranty = n.assetId().map(asset -> Warranty.statusOn(tx, asset, LocalDate.ofInstant(now, settings.timeZone())))
                .orElse(WarrantyStatus.UNKNOWN);
        long id = NewRecordStatements.NEXT_ID.bind().fetchOptional(tx, Long.class).orElseThrow();
        String number = "R" + DAY.format(now.atZone(settings.timeZone())) + "-" + id;
        Optional<String> department = n.complaint().map(c -> settings.handlerFor(c.complaintType()));
        RecordStatus initial = Workflow.of(n.type()).initial();
        int inserted = NewRecordStatements.INSERT.with("id", id).with("number", number).with("type", n.type().dbName())
                .with("status", initial.dbName()).with("priority", n.crisis() ? "crisis" : n.priority())
                .with("urgency", n.urgency()).with("channel", n.channel())
                .with("customer", n.customerId().orElse(null)).with("asset", n.assetId().orElse(null))
                .with("phone", n.phone().orElse(null)).with("contactName", n.contactName().orElse(null))
                .with("address", n.address().orElse(null)).with("zone", n.zone().orElse(null))
                .with("distanceKm", n.distanceKm().orElse(null)).with("summary", n.summary().orElse(null))
                .with("fault", n.faultDescription().orElse(null))
                .with("warranty", warranty.dbName())
                .with("charging", warranty == WarrantyStatus.IN_WARRANTY ? "free" : warranty == WarrantyStatus.OUT_OF_WARRANTY ? "paid" : null)
                .with("crisis", n.crisis()).with("department", department.orElse(null))
                .with("agent", actor.agentId().orElse(null))
                .with("originCall", n.originCallId().orElse(null))
                .with("key", n.idempotencyKey().orElse(null))
                .with("at", utc(now))
                .execute(tx);
        if (inserted == 0) { // the same key, created at the same moment by a retry
            return ContactRecord.of(tx.selectFrom(CONTACT_RECORD)
                    .where(CONTACT_RECORD.IDEMPOTENCY_KEY.eq(n.idempotencyKey().orElseThrow())).fetchSingle());
        }
        n.complaint().ifPresent(c -> tx.insertInto(COMPLAINT)
                .set(COMPLAINT.RECORD_ID, id).set(COMPLAINT.COMPLAINANT, c.complainant())
                .set(COMPLAINT.COMPLAINT_TYPE, c.complaintType()).set(COMPLAINT.TARGET_KIND, c.targetKind().orElse(null))
                .set(COMPLAINT.TARGET, c.target().orElse(null)).set(COMPLAINT.DEMAND, c.demand().orElse(null))
                .set(COMPLAINT.CONTENT, c.content().orElse(null)).set(COMPLAINT.SEVERITY, c.severity())
                .set(COMPLAINT.CRISIS_KIND, c.crisisKind().orElse(null)).set(COMPLAINT.COMPLAINED_AT, utc(now)).execute());
        audit(tx, id, now, actor, "created", null, initial, null, Map.of("type", n.type().dbName(), "warranty", warranty.dbName()));

        RecordFacts facts = new RecordFacts(n.type().dbName(), n.crisis() ? "crisis" : n.priority(), n.zone(), n.distanceKm(),
                warranty.dbName());
        Map<String, SlaPolicies.Applicable> applicable = policies.milestonesFor(facts);
        RecordClocks recordClocks = new RecordClocks(applicable, Map.of());
        List<RecordClocks.Change> started = recordClocks.on("record_created", now);
        clocks.save(tx, id, applicable, started);

        List<DeskEvent> events = new ArrayList<>();
        events.add(DeskEvent.of(DeskEventType.RECORD_CREATED, "record", id, now, Map.of("number", number, "type", n.type().dbName(),
                "status", initial.dbName(), "warranty", warranty.dbName())));
        events.addAll(clockEvents(id, started, now));
        if (n.phone().isPresent() && n.type() != RecordType.SUGGESTION) {
            Instant due = now.plus(settings.callbacks().firstContactDueIn());
            Optional<Instant> firstContactDeadline = Optional.ofNullable(recordClocks.clocks().get("first-contact"))
                    .map(c -> c.deadline());
            callbacks.scheduleIfDialable(tx, NewCallback.of(CallbackReason.FIRST_CONTACT, n.phone().get(),
                            openHours.dueFrom(firstContactDeadline.filter(d -> d.isBefore(due)).orElse(due)))
                    .forRecord(id, n.customerId()).withPriority(n.crisis() ? 100 : 0), actor.agentId());
        }
        EventOutbox.store(tx, events);
        // as stored: nothing above changed the row since its insert (a read of it again cost a statement a record)
        ContactRecord record = new ContactRecord(id, number, n.type(), initial, n.crisis() ? "crisis" : n.priority(), n.customerId(),
                n.phone(), warranty.dbName(), n.crisis(), department, 0);
        if (n.crisis()) {
            escalate(tx, id, settings.crisisLevel(), org.hotline.desk.escalations.EscalationTrigger.CRISIS, actor, "crisis case: " + n.complaint()
                    .flatMap(NewComplaint::crisisKind).orElse("flagged at intake"));
        }
        return record;
    }

    /** Moves a record to {@code to}, if its workflow allows. */
    public ContactRecord transition(DSLContext tx, long id, RecordStatus to, Actor actor, String reason) {
        ContactRecordRecord row = lock(tx, id);
        RecordType type = RecordType.fromDb(row.getType());
        RecordStatus from = RecordStatus.fromDb(row.getStatus());
        Workflow workflow = Workflow.of(type);
        if (!workflow.allows(from, to)) {
            throw new IllegalTransitionException(row.getNumber(), type, from, to, workflow.nextOf(from));
        }
        Instant now = clock.instant();
        row.setStatus(to.dbName());
        stepField(to).ifPresent(field -> row.set(field, utc(now)));
        row.setUpdatedAt(utc(now));
        row.setVersion(row.getVersion() + 1);
        row.update();
        audit(tx, id, now, actor, "transition", from, to, reason, Map.of());
        for (String event : Workflow.eventsOnEntering(to)) {
            happened(tx, row, event, now, to.dbName());
        }
        workOrderStep(tx, id, type, to, now);
        if (to == RecordStatus.DONE && type.hasReturnVisit() && row.getPhone() != null) {
            scheduleReturnVisit(tx, row, now);
        }
        if (to == RecordStatus.DONE && type == RecordType.INSTALLATION) {
            installed(tx, row, now);
        }
        EventOutbox.store(tx, List.of(DeskEvent.of(DeskEventType.RECORD_TRANSITIONED, "record", id, now, Map.of(
                "number", row.getNumber(), "from", from.dbName(), "to", to.dbName()))));
        return ContactRecord.of(row);
    }

    /**
     * Corrects a record's description (summary, fault, address): each changed field in the
     * audit trail with what it was; refused (IllegalStateException) when the record has changed
     * since the version the agent saw.
     */
    public ContactRecord edit(DSLContext tx, long id, RecordEdit edit, Actor actor) {
        ContactRecordRecord row = lock(tx, id);
        if (edit.expectedVersion().isPresent() && !edit.expectedVersion().get().equals(row.getVersion())) {
            throw new org.hotline.desk.access.StaleVersion("record", id, row.getNumber(), edit.expectedVersion().get(), row.getVersion());
        }
        Map<String, Object> changed = new HashMap<>();
        change(row, CONTACT_RECORD.SUMMARY, edit.summary(), changed);
        change(row, CONTACT_RECORD.FAULT_DESCRIPTION, edit.faultDescription(), changed);
        change(row, CONTACT_RECORD.ADDRESS, edit.address(), changed);
        edit.zone().filter(zone -> !policies.zones().contains(zone)).ifPresent(zone -> {
            throw new IllegalArgumentException("zone: one of " + String.join(", ", policies.zones()) + ", not '" + zone + "'");
        });
        change(row, CONTACT_RECORD.ZONE, edit.zone(), changed);
        change(row, CONTACT_RECORD.DISTANCE_KM, edit.distanceKm(), changed);
        if (changed.isEmpty()) {
            return ContactRecord.of(row);
        }
        Instant now = clock.instant();
        if ((changed.containsKey("zone") || changed.containsKey("distance_km")) && !RecordStatus.fromDb(row.getStatus()).isFinal()) {
            clocksKnownNow(tx, row, now);
        }
        row.setUpdatedAt(utc(now));
        row.setVersion(row.getVersion() + 1);
        row.update();
        audit(tx, id, now, actor, "field_changed", null, null, String.join(", ", new java.util.TreeSet<>(changed.keySet())), changed);
        EventOutbox.store(tx, List.of(DeskEvent.of(DeskEventType.RECORD_UPDATED, "record", id, now, Map.of("number", row.getNumber(),
                "fields", List.copyOf(new java.util.TreeSet<>(changed.keySet()))))));
        return ContactRecord.of(row);
    }

    /**
     * The place of the work learned after the record was made: the clocks it brings (on site by
     * zone or by distance) that have not run yet are run from the events the record has been
     * through, as if it had been known then (one started at creation is due from the creation; one
     * whose work is done already ends met or missed). A clock already running keeps the policy it
     * started under.
     */
    private void clocksKnownNow(DSLContext tx, ContactRecordRecord row, Instant now) {
        RecordFacts facts = new RecordFacts(row.getType(), row.getPriority(), Optional.ofNullable(row.getZone()),
                Optional.ofNullable(row.getDistanceKm()), row.getWarrantyStatus());
        Map<String, SlaPolicies.Applicable> missing = new java.util.LinkedHashMap<>(policies.milestonesFor(facts));
        missing.keySet().removeAll(tx.select(SLA_CLOCK.MILESTONE_CODE).from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(row.getId()))
                .fetchSet(SLA_CLOCK.MILESTONE_CODE));
        if (missing.isEmpty()) {
            return;
        }
        RecordClocks replay = new RecordClocks(missing, Map.of());
        List<RecordClocks.Change> changes = new ArrayList<>();
        for (RecordHistory.Happened happened : RecordHistory.of(tx, row.getId())) {
            changes.addAll(replay.on(happened.event(), happened.at()));
        }
        clocks.save(tx, row.getId(), missing, changes);
        EventOutbox.store(tx, clockEvents(row.getId(), changes, now));
    }

    private static <T> void change(ContactRecordRecord row, TableField<ContactRecordRecord, T> field, Optional<T> value,
                                   Map<String, Object> changed) {
        if (value.isPresent() && !value.get().equals(row.get(field))) {
            Map<String, Object> fromTo = new HashMap<>();
            fromTo.put("from", row.get(field));
            fromTo.put("to", value.get());
            changed.put(field.getName(), fromTo);
            row.set(field, value.get());
        }
    }

    /** Dispatches a field record to {@code technician}: the transition, and its work order names them. */
    public ContactRecord dispatch(DSLContext tx, long id, String technician, Actor actor, String reason) {
        ContactRecord record = transition(tx, id, RecordStatus.DISPATCHED, actor, reason);
        tx.update(WORK_ORDER).set(WORK_ORDER.TECHNICIAN, technician)
                .where(WORK_ORDER.ID.eq(DSL.select(DSL.max(WORK_ORDER.ID)).from(WORK_ORDER).where(WORK_ORDER.RECORD_ID.eq(id)))).execute();
        return record;
    }

    /**
     * A field job's work order (派工单) follows the record: made when it is dispatched, arrived
     * when the technician is on site, finished when the job is done.
     */
    private static void workOrderStep(DSLContext tx, long id, RecordType type, RecordStatus to, Instant now) {
        var open = WORK_ORDER.RECORD_ID.eq(id).and(WORK_ORDER.FINISHED_AT.isNull());
        switch (to) {
            case DISPATCHED -> tx.insertInto(WORK_ORDER, WORK_ORDER.RECORD_ID, WORK_ORDER.SERVICE_TYPE, WORK_ORDER.DISPATCHED_AT)
                    .values(id, type.dbName(), utc(now)).execute();
            case ON_SITE -> tx.update(WORK_ORDER).set(WORK_ORDER.ARRIVED_AT, utc(now)).where(open.and(WORK_ORDER.ARRIVED_AT.isNull()))
                    .execute();
            case DONE -> tx.update(WORK_ORDER).set(WORK_ORDER.FINISHED_AT, utc(now)).where(open).execute();
            default -> { }
        }
    }

    /**
     * Records something that happened to a record without changing its status, such as
     * {@code customer_contacted} or {@code request_forwarded}: audited and applied to its clocks.
     */
    public void recordEvent(DSLContext tx, long id, String event, Actor actor, String reason) {
        ContactRecordRecord row = lock(tx, id);
        Instant now = clock.instant();
        if (event.equals("customer_contacted") && row.getFirstContactAt() == null) {
            row.setFirstContactAt(utc(now));
        }
        if (event.equals("request_forwarded") && row.getForwardedAt() == null) {
            row.setForwardedAt(utc(now));
        }
        row.setUpdatedAt(utc(now));
        row.update();
        audit(tx, id, now, actor, event, null, null, reason, Map.of());
        happened(tx, row, event, now, reason);
        EventOutbox.store(tx, List.of(DeskEvent.recordStep(event, id, now, Map.of("number", row.getNumber()))));
    }

    /** Gives a record to an agent to handle (a supervisor's reassignment): recorded, audited and announced. */
    public ContactRecord assign(DSLContext tx, long id, long agentId, Actor actor, String reason) {
        ContactRecordRecord row = lock(tx, id);
        Instant now = clock.instant();
        Long before = row.getHandlerAgentId();
        row.setHandlerAgentId(agentId);
        row.setUpdatedAt(utc(now));
        row.setVersion(row.getVersion() + 1);
        row.update();
        Map<String, Object> details = new HashMap<>();
        details.put("handlerAgentId", agentId);
        if (before != null) {
            details.put("previousHandlerAgentId", before);
        }
        audit(tx, id, now, actor, "assigned", null, null, reason, details);
        EventOutbox.store(tx, List.of(DeskEvent.of(DeskEventType.RECORD_ASSIGNED, "record", id, now, details)));
        return find(tx, id);
    }

    /** Escalates to supervisor, manager or leadership: recorded, audited and announced; it climbs if nobody takes it. */
    public long escalate(DSLContext tx, long id, String level, org.hotline.desk.escalations.EscalationTrigger trigger, Actor actor, String reason) {
        return escalations.raise(tx, id, org.hotline.desk.escalations.EscalationLevel.ofDbName(level), trigger, reason, actor,
                clock.instant(), Optional.empty());
    }

    /**
     * The customer's reaction to a complaint's handling: unhappy again after the configured
     * number of rounds escalates the complaint.
     */
    public int customerReaction(DSLContext tx, long id, boolean satisfied, Actor actor) {
        return customerReaction(tx, id, satisfied, actor, null);
    }

    /** As {@link #customerReaction(DSLContext, long, boolean, Actor)}, with what the customer said; each round is kept. */
    public int customerReaction(DSLContext tx, long id, boolean satisfied, Actor actor, String note) {
        lock(tx, id);
        int rounds = tx.update(COMPLAINT)
                .set(COMPLAINT.CUSTOMER_REACTION, satisfied ? "satisfied" : "unsatisfied")
                .set(COMPLAINT.UNHAPPY_ROUNDS, satisfied ? COMPLAINT.UNHAPPY_ROUNDS : COMPLAINT.UNHAPPY_ROUNDS.plus(1))
                .where(COMPLAINT.RECORD_ID.eq(id)).returning(COMPLAINT.UNHAPPY_ROUNDS).fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("record " + id + " is not a complaint"))
                .getUnhappyRounds();
        int round = tx.fetchCount(COMPLAINT_ROUND, COMPLAINT_ROUND.RECORD_ID.eq(id)) + 1;
        tx.insertInto(COMPLAINT_ROUND).set(COMPLAINT_ROUND.RECORD_ID, id).set(COMPLAINT_ROUND.ROUND, round)
                .set(COMPLAINT_ROUND.SATISFIED, satisfied).set(COMPLAINT_ROUND.NOTE, note)
                .set(COMPLAINT_ROUND.TAKEN_BY_AGENT_ID, actor.agentId().orElse(null)).set(COMPLAINT_ROUND.TAKEN_AT, utc(clock.instant()))
                .execute();
        audit(tx, id, clock.instant(), actor, satisfied ? "customer_satisfied" : "customer_unhappy", null, null, note, Map.of("rounds", rounds,
                "round", round));
        if (!satisfied && rounds == settings.unhappyRounds()) {
            escalate(tx, id, settings.unhappyLevel(), org.hotline.desk.escalations.EscalationTrigger.CUSTOMER_UNHAPPY, actor, "customer still unhappy after " + rounds + " rounds");
        }
        return rounds;
    }

    /** Who complains when the intake named nobody: the contact, else the customer, else the phone number's owner unknown. */
    private static String complainant(DSLContext tx, NewRecord n) {
        return n.contactName().or(() -> n.customerId().map(id -> tx.select(CUSTOMER.NAME).from(CUSTOMER).where(CUSTOMER.ID.eq(id))
                .fetchOne(CUSTOMER.NAME))).orElse("(not given)");
    }

    /** Grants a milestone's longer allowance (agreed with the customer), audited. */
    public void extendDeadline(DSLContext tx, long id, String milestone, String extension, Actor actor, String reason) {
        lock(tx, id);
        Instant now = clock.instant();
        var recordClocks = clocks.load(tx, id);
        var clock = Optional.ofNullable(recordClocks.get(milestone))
                .orElseThrow(() -> new IllegalArgumentException("no " + milestone + " clock on record " + id));
        clock.extend(extension, now);
        clocks.save(tx, id, Map.of(), List.of(new RecordClocks.Change(milestone, RecordClocks.Change.Kind.RESUMED, clock)));
        audit(tx, id, now, actor, "deadline_extended", null, null, reason, Map.of("milestone", milestone, "extension", extension));
    }

    public ContactRecord find(DSLContext tx, long id) {
        return ContactRecord.of(tx.selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(id)).fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no record " + id)));
    }

    /**
     * Where the work is: what the agent entered, else the customer's address, zone and distance
     * from the service centre (so the on-site clocks by zone or by distance run for the record).
     */
    private static NewRecord withCustomersPlace(DSLContext tx, NewRecord n) {
        if (n.customerId().isEmpty() || (n.zone().isPresent() && n.distanceKm().isPresent() && n.address().isPresent())) {
            return n;
        }
        var customer = tx.select(CUSTOMER.ADDRESS, CUSTOMER.ZONE, CUSTOMER.DISTANCE_KM).from(CUSTOMER)
                .where(CUSTOMER.ID.eq(n.customerId().get())).fetchOptional();
        if (customer.isEmpty()) {
            return n;
        }
        var c = customer.get();
        return n.withPlace(n.address().or(() -> Optional.ofNullable(c.value1())), n.zone().or(() -> Optional.ofNullable(c.value2())),
                n.distanceKm().or(() -> Optional.ofNullable(c.value3())));
    }

    /**
     * What a record event does beyond the trail, whether a step raised it or it was recorded on
     * its own: the SLA clocks it starts or stops, and once the customer has been reached
     * ({@code customer_contacted}), the record's first-contact callbacks are no longer needed.
     */
    private void happened(DSLContext tx, ContactRecordRecord row, String event, Instant now, String why) {
        applyToClocks(tx, row, event, now);
        if (event.equals("customer_contacted")) {
            callbacks.cancelFirstContact(tx, row.getId(), "customer contacted" + (why == null || why.isBlank() ? "" : ": " + why), now);
        }
        if (event.equals("satisfaction_callback_done")) {
            callbacks.cancelReturnVisit(tx, row.getId(), "return visit recorded", now);
        }
        if (event.equals(RecordClocks.RECORD_CLOSED)) {
            callbacks.cancelForRecord(tx, row.getId(), "record " + row.getNumber() + " " + row.getStatus(), now);
        }
    }

    private void applyToClocks(DSLContext tx, ContactRecordRecord row, String event, Instant now) {
        RecordFacts facts = new RecordFacts(row.getType(), row.getPriority(), Optional.ofNullable(row.getZone()),
                Optional.ofNullable(row.getDistanceKm()), row.getWarrantyStatus());
        Map<String, SlaPolicies.Applicable> applicable = policies.milestonesFor(facts);
        RecordClocks recordClocks = new RecordClocks(applicable, clocks.load(tx, row.getId()));
        List<RecordClocks.Change> changes = recordClocks.on(event, now);
        clocks.save(tx, row.getId(), applicable, changes);
        EventOutbox.store(tx, clockEvents(row.getId(), changes, now));
    }

    /** sla.started, sla.paused, sla.resumed, sla.met, sla.missed, sla.ended: one event per clock changed. */
    private static List<DeskEvent> clockEvents(long recordId, List<RecordClocks.Change> changes, Instant now) {
        List<DeskEvent> events = new ArrayList<>();
        for (RecordClocks.Change change : changes) {
            Map<String, Object> payload = new HashMap<>();
            payload.put("milestone", change.milestoneCode());
            var snapshot = change.clock().snapshot();
            if (snapshot.deadline() != null) {
                payload.put("deadline", snapshot.deadline().toString());
            }
            events.add(DeskEvent.of(DeskEventType.valueOf("SLA_" + change.kind().name()), "record", recordId,
                    now, payload));
        }
        return events;
    }

    private void scheduleReturnVisit(DSLContext tx, ContactRecordRecord row, Instant now) {
        var rules = settings.callbacks();
        var calendar = policies.calendar(rules.returnVisitCalendar());
        Instant day = calendar.addWorkingDays(now, rules.returnVisitWorkingDays());
        Instant at = calendar.nextOpening(day.atZone(calendar.zone()).toLocalDate().atTime(rules.returnVisitAt())
                .atZone(calendar.zone()).toInstant());
        callbacks.scheduleIfDialable(tx, NewCallback.of(CallbackReason.RETURN_VISIT, row.getPhone(), at)
                .forRecord(row.getId(), Optional.ofNullable(row.getCustomerId())), Optional.empty());
    }

    /**
     * A follow-up or survey call of an installation, {@code every} after {@code from}, at the next
     * opening of the return-visit calendar (the next of a series is made when one is answered).
     */
    /** An installation done: its product's installation date (when not known yet) and the first of its periodic follow-ups. */
    private void installed(DSLContext tx, ContactRecordRecord row, Instant now) {
        if (row.getAssetId() != null) {
            tx.update(ASSET).set(ASSET.INSTALLED_ON, LocalDate.ofInstant(now, settings.timeZone()))
                    .where(ASSET.ID.eq(row.getAssetId()).and(ASSET.INSTALLED_ON.isNull())).execute();
        }
        if (row.getPhone() != null) {
            followUps.start(tx, row.getId(), row.getPhone(), row.getCustomerId(), now);
        }
    }

    private static ContactRecordRecord lock(DSLContext tx, long id) {
        return tx.selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(id)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no record " + id));
    }

    /** Writes what happened at {@code at} in the record's trail: the time its clocks were told, so they can be replayed from it. */
    private static void audit(DSLContext tx, long recordId, Instant at, Actor actor, String type, RecordStatus from, RecordStatus to,
                              String reason, Map<String, Object> details) {
        RecordTrail.write(tx, recordId, at, actor, type, from, to, reason, details);
    }

    private static Optional<TableField<ContactRecordRecord, OffsetDateTime>> stepField(RecordStatus status) {
        return Optional.ofNullable(switch (status) {
            case WARRANTY_CHECKED -> CONTACT_RECORD.WARRANTY_CHECKED_AT;
            case AWAITING_FEE_CONSENT -> CONTACT_RECORD.FEE_QUOTED_AT;
            case FEE_CONSENTED -> CONTACT_RECORD.FEE_CONSENTED_AT;
            case DISPATCHED -> CONTACT_RECORD.DISPATCHED_AT;
            case TECHNICIAN_CONTACTED -> CONTACT_RECORD.TECHNICIAN_CONTACTED_AT;
            case ON_SITE -> CONTACT_RECORD.ON_SITE_AT;
            case DONE -> CONTACT_RECORD.COMPLETED_AT;
            case RETURN_VISIT -> CONTACT_RECORD.RETURN_VISIT_AT;
            case ASSIGNED -> CONTACT_RECORD.FORWARDED_AT;
            case CLOSED, CANCELLED -> CONTACT_RECORD.CLOSED_AT;
            default -> null;
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
