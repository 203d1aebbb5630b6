package org.hotline.desk;

import org.hotline.desk.callbacks.CallOutcome;
import org.hotline.desk.callbacks.CallbackReason;
import org.hotline.desk.callbacks.CallbackService;
import org.hotline.desk.callbacks.NewCallback;
import org.hotline.desk.callbacks.Scheduled;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.ContactRecord;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordService;
import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.settings.DeskSettings;
import org.hotline.desk.sla.SlaPolicies;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.QUEUE;

/**
 * What the IVR, the bridge and the agent API call: each operation in one transaction of its own.
 */
public final class ServiceDesk {

    private final DataSource dataSource;
    /** Where its transactions run: the events each stores are written together as it commits. */
    private final DSLContext transactions;
    private final RecordService records;
    private final org.hotline.desk.escalations.Escalations escalations;
    private final org.hotline.desk.complaints.Complaints complaints;
    private final org.hotline.desk.callbacks.FollowUps followUps;
    private final java.util.Set<String> zones;
    private final java.time.ZoneId timeZone;
    private final org.hotline.desk.customers.PhoneNumbers phoneNumbers;
    private final org.hotline.desk.settings.CallDispositions callDispositions;
    private final org.hotline.desk.customers.CustomerDirectory customers;
    private final CallbackService callbacks;
    private final Clock clock;
    private final DeskSettings.CallbackRules rules;
    private final org.hotline.desk.customers.DiallingPolicy dialling;
    private final org.hotline.desk.callbacks.OpenHours openHours;

    public ServiceDesk(DataSource dataSource, SlaPolicies policies, DeskSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.transactions = org.hotline.desk.writes.Transactions.on(dataSource);
        this.clock = clock;
        this.rules = settings.callbacks();
        this.dialling = settings.dialling();
        this.openHours = org.hotline.desk.callbacks.OpenHours.of(rules, policies);
        this.callbacks = new CallbackService(settings.callbacks(), settings.dialling(), clock);
        this.escalations = org.hotline.desk.escalations.Escalations.of(settings);
        this.followUps = new org.hotline.desk.callbacks.FollowUps(rules.followUpEvery(), rules.surveyEvery(),
                policies.calendar(rules.returnVisitCalendar()), callbacks);
        this.records = new RecordService(policies, settings, callbacks, escalations, followUps, clock);
        this.complaints = new org.hotline.desk.complaints.Complaints(settings::handlerFor);
        this.zones = policies.zones();
        this.timeZone = settings.timeZone();
        this.phoneNumbers = settings.phoneNumbers();
        this.callDispositions = settings.callDispositions();
        this.customers = new org.hotline.desk.customers.CustomerDirectory(settings.phoneNumbers(), zones, clock);
    }

    public ContactRecord createRecord(NewRecord record, Actor actor) {
        return inTransaction(tx -> records.create(tx, record, actor));
    }

    public ContactRecord transition(long recordId, RecordStatus to, Actor actor, String reason) {
        return inTransaction(tx -> records.transition(tx, recordId, to, actor, reason));
    }

    /** Runs {@code work} on the customer archive in one transaction of its own. */
    public <T> T onCustomers(java.util.function.BiFunction<org.hotline.desk.customers.CustomerDirectory, DSLContext, T> work) {
        return inTransaction(tx -> work.apply(customers, tx));
    }

    /** What an answered call came to: the record it made or was about, or a disposition of {@code call-dispositions}. */
    public org.hotline.desk.calls.CallRegistration.Registered registerCall(long callId, Optional<String> disposition,
            Optional<Long> recordId, Optional<String> note, long agentId, boolean supervises) {
        return inTransaction(tx -> org.hotline.desk.calls.CallRegistration.register(tx, callId, disposition, recordId, note, agentId,
                supervises, callDispositions, clock.instant()));
    }

    /** The dispositions an agent may give a call that made or touched no record. */
    public org.hotline.desk.settings.CallDispositions callDispositions() {
        return callDispositions;
    }

    /** How the hotline reads phone numbers (to E.164). */
    public org.hotline.desk.customers.PhoneNumbers phoneNumbers() {
        return phoneNumbers;
    }

    /** The hotline's time zone (its days: record numbers, reports, lists by day). */
    public java.time.ZoneId timeZone() {
        return timeZone;
    }

    /** The zones the SLA policies know (a record's zone is one of them). */
    public java.util.Set<String> zones() {
        return zones;
    }

    /** Corrects a record's summary, fault, address, zone or distance (audited; refused when it changed since the version seen). */
    public ContactRecord editRecord(long recordId, org.hotline.desk.records.RecordEdit edit, Actor actor) {
        return inTransaction(tx -> records.edit(tx, recordId, edit, actor));
    }

    /** Dispatches a field record (repair, installation, maintenance) to {@code technician}, named on its work order. */
    public ContactRecord dispatch(long recordId, String technician, Actor actor, String reason) {
        return inTransaction(tx -> records.dispatch(tx, recordId, technician, actor, reason));
    }

    public void recordEvent(long recordId, String event, Actor actor, String reason) {
        inTransaction(tx -> {
            records.recordEvent(tx, recordId, event, actor, reason);
            return null;
        });
    }

    public long escalate(long recordId, String level, Actor actor, String reason) {
        return inTransaction(tx -> records.escalate(tx, recordId, level, org.hotline.desk.escalations.EscalationTrigger.MANUAL, actor, reason));
    }

    /** What a complaint's steps found and decided (validity, cause, severity, fix, responsibility, ...), in its trail. */
    public org.hotline.schema.jooq.tables.records.ComplaintRecord complaintFindings(long recordId,
            org.hotline.desk.complaints.ComplaintFindings findings, Actor actor) {
        return inTransaction(tx -> complaints.record(tx, recordId, findings, actor, clock.instant()));
    }

    /**
     * A return visit (回访) made by phone: the record done moves to its return visit (its clocks and
     * its return-visit callback end as they would for the IVR's survey), and the customer's
     * answers are kept as survey answers about it. Refused (409) when the record is not done.
     */
    public long returnVisit(long recordId, java.util.List<org.hotline.desk.surveys.ReturnVisitAnswer> answers, Actor actor) {
        return inTransaction(tx -> {
            records.transition(tx, recordId, org.hotline.desk.records.RecordStatus.RETURN_VISIT, actor, "return visit by phone");
            return org.hotline.desk.surveys.ReturnVisits.store(tx, recordId, answers, clock.instant());
        });
    }

    /** The complaint of a record as its steps left it (findings, handling department, reactions); empty when it is none. */
    public Optional<org.hotline.desk.complaints.Complaints.Complaint> complaint(long recordId) {
        return complaints.complaint(DSL.using(dataSource, SQLDialect.POSTGRES), recordId);
    }

    /** The customer's reactions to a complaint's handling, round by round. */
    public java.util.List<org.hotline.desk.complaints.Complaints.Round> complaintRounds(long recordId) {
        return complaints.rounds(DSL.using(dataSource, SQLDialect.POSTGRES), recordId);
    }

    public int customerReaction(long recordId, boolean satisfied, Actor actor) {
        return customerReaction(recordId, satisfied, actor, null);
    }

    /** The customer's reaction to a complaint's handling, with what they said: kept round by round; unhappy rounds escalate. */
    public int customerReaction(long recordId, boolean satisfied, Actor actor, String note) {
        return inTransaction(tx -> records.customerReaction(tx, recordId, satisfied, actor, note));
    }

    /**
     * The after-sales manager confirms the job (DOMAIN.md: within 5 working days of its completion):
     * its manager-confirmation clock is met. Refused (409) on a closed or cancelled record, and
     * before the job is done.
     */
    public void confirmByManager(long recordId, Actor manager, String note) {
        inTransaction(tx -> {
            var record = records.find(tx, recordId);
            if (record.status().isFinal()) {
                throw new IllegalStateException("record " + record.number() + " is " + record.status().dbName() + ": nothing to confirm");
            }
            var done = tx.select(CONTACT_RECORD.COMPLETED_AT).from(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(recordId)).fetchOne().value1();
            if (done == null) {
                throw new IllegalStateException("record " + record.number() + ": the job is not done yet");
            }
            records.recordEvent(tx, recordId, "manager_confirmed", manager, note);
            return null;
        });
    }

    public void extendDeadline(long recordId, String milestone, String extension, Actor actor, String reason) {
        inTransaction(tx -> {
            records.extendDeadline(tx, recordId, milestone, extension, actor, reason);
            return null;
        });
    }

    public ContactRecord record(long recordId) {
        return inTransaction(tx -> records.find(tx, recordId));
    }

    /**
     * Every call gets an answer or a callback: a caller ({@code phone} in E.164) who hung up after
     * waiting {@code waited} in {@code queue} is called back (reason abandoned_call, in that
     * queue, the customer the number belongs to), due now or at the next opening
     * ({@code callbacks.open-hours}); merged with one already waiting for that number and queue.
     * Nothing when the wait was shorter than {@code callbacks.after-abandon} (a misdial) or the
     * rule is off.
     */
    public Optional<Scheduled> callerAbandoned(String phone, String queue, java.time.Duration waited) {
        return callerAbandoned(phone, queue, waited, "", "");
    }

    /** The same, for the call {@code server}/{@code linkedid}: the callback names it as its origin. */
    public Optional<Scheduled> callerAbandoned(String phone, String queue, java.time.Duration waited, String server, String linkedid) {
        if (rules.afterAbandon().isEmpty() || waited.compareTo(rules.afterAbandon().get()) < 0
                || !dialling.allows(phone)) {
            return Optional.empty();
        }
        return Optional.of(inTransaction(tx -> {
            NewCallback callback = NewCallback.of(CallbackReason.ABANDONED_CALL, phone, openHours.dueFrom(clock.instant()))
                    .forCustomer(tx.select(CUSTOMER_PHONE.CUSTOMER_ID).from(CUSTOMER_PHONE).where(CUSTOMER_PHONE.NUMBER.eq(phone))
                            .orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc()).limit(1).fetchOptional(CUSTOMER_PHONE.CUSTOMER_ID))
                    .withNote("hung up after waiting " + waited.toSeconds() + " s in " + queue)
                    .fromCall(tx.select(CALL.ID).from(CALL).where(CALL.ASTERISK_SERVER.eq(server).and(CALL.LINKEDID.eq(linkedid)))
                            .fetchOptional(CALL.ID));
            Optional<Long> queueId = tx.select(QUEUE.ID).from(QUEUE).where(QUEUE.NAME.eq(queue)).fetchOptional(QUEUE.ID);
            return callbacks.schedule(tx, queueId.map(callback::inQueue).orElse(callback), Optional.empty());
        }));
    }

    /** What a caller getting through changed: the callbacks no longer needed, the records whose customer is now reached. */
    public record GotThrough(java.util.List<Long> callbacksCancelled, java.util.List<Long> recordsReached) {
    }

    /**
     * A caller ({@code phone} in E.164) got through to an agent: the callbacks waiting because they
     * had hung up are cancelled, and the open records made on their number within
     * {@code callbacks.caller-reached-within} that nobody has reached yet count as reached (their
     * first contact met, their first-contact callback not needed).
     */
    public GotThrough callerGotThrough(String phone) {
        return inTransaction(tx -> {
            Instant now = clock.instant();
            var cancelled = callbacks.cancelAbandoned(tx, phone, "the caller got through", now);
            java.util.List<Long> reached = rules.callerReachedWithin().map(within -> tx.select(CONTACT_RECORD.ID).from(CONTACT_RECORD)
                    .where(CONTACT_RECORD.PHONE.eq(phone).and(CONTACT_RECORD.FIRST_CONTACT_AT.isNull())
                            .and(CONTACT_RECORD.STATUS.notIn(org.hotline.desk.records.RecordStatus.CLOSED.dbName(),
                                    org.hotline.desk.records.RecordStatus.CANCELLED.dbName()))
                            .and(CONTACT_RECORD.CREATED_AT.ge(now.minus(within).atOffset(java.time.ZoneOffset.UTC))))
                    .orderBy(CONTACT_RECORD.ID).fetch(CONTACT_RECORD.ID)).orElse(java.util.List.of());
            for (long record : reached) {
                records.recordEvent(tx, record, "customer_contacted", Actor.system(), "answered call from the same number");
            }
            return new GotThrough(cancelled, reached);
        });
    }

    /**
     * An agent answered a call about an open record (the IVR made or found it): the customer is
     * reached. That is the record's first contact (its clock met in time or late; its first-contact
     * callback no longer needed, so the customer is not called back about what they just discussed).
     * A record closed meanwhile, or unknown, is left alone; so is one whose customer was reached
     * already (by this very call, found by its number: {@link #callerGotThrough}).
     */
    public void callerReached(long recordId, String how) {
        inTransaction(tx -> {
            var status = tx.select(CONTACT_RECORD.STATUS).from(CONTACT_RECORD)
                    .where(CONTACT_RECORD.ID.eq(recordId).and(CONTACT_RECORD.FIRST_CONTACT_AT.isNull())).fetchOptional(CONTACT_RECORD.STATUS);
            if (status.isPresent() && !org.hotline.desk.records.RecordStatus.fromDb(status.get()).isFinal()) {
                records.recordEvent(tx, recordId, "customer_contacted", org.hotline.desk.records.Actor.system(), how);
            }
            return null;
        });
    }

    /** Which numbers may be dialled out (click-to-call, callbacks). */
    public org.hotline.desk.customers.DiallingPolicy dialling() {
        return dialling;
    }

    /** Schedules a callback; {@link org.hotline.desk.customers.NotDialable} when its number may not be dialled. */
    public Scheduled scheduleCallback(NewCallback callback, Optional<Long> createdBy) {
        return inTransaction(tx -> callbacks.schedule(tx, callback, createdBy));
    }

    /**
     * An agent's promise to call back ("I'll call you at 3 pm"), made with the customer: on a
     * record it takes the place of the record's callback still waiting to reach the customer (one
     * purpose, one open callback), at the time agreed rather than the earlier of the two.
     */
    public Scheduled promiseCallback(NewCallback callback, long by) {
        return inTransaction(tx -> {
            callback.recordId().ifPresent(record -> callbacks.cancelFirstContact(tx, record, "replaced by the agent's promise",
                    clock.instant()));
            return callbacks.schedule(tx, callback, Optional.of(by));
        });
    }

    /**
     * The outcome of one try of a callback. A first-contact callback that connects counts as
     * the first contact of its record: it stops the record's first-contact clock.
     */
    public CallbackService.AfterTry callbackTried(long callbackId, CallOutcome outcome, Optional<Long> agentId,
                                                  Optional<Long> callId) {
        return inTransaction(tx -> tried(tx, callbackId, outcome, agentId, callId, clock.instant()));
    }

    /**
     * A try of a callback placed by Hotline, begun at {@code startedAt}, on the call of
     * {@code server}/{@code linkedid}: the attempt names that call, and the call its callback and agent.
     */
    public CallbackService.AfterTry callbackCallEnded(long callbackId, CallOutcome outcome, Optional<Long> agentId, String server,
                                                      String linkedid, Instant startedAt) {
        return inTransaction(tx -> {
            Optional<Long> callId = tx.select(CALL.ID).from(CALL).where(CALL.ASTERISK_SERVER.eq(server).and(CALL.LINKEDID.eq(linkedid)))
                    .fetchOptional(CALL.ID);
            callId.ifPresent(call -> tx.update(CALL).set(CALL.CALLBACK_ID, callbackId).set(CALL.DIRECTION, org.hotline.events.CallDirection.CALLBACK.dbName())
                    .set(CALL.AGENT_ID, DSL.coalesce(CALL.AGENT_ID, DSL.val(agentId.orElse(null)))).where(CALL.ID.eq(call)).execute());
            return tried(tx, callbackId, outcome, agentId, callId, startedAt);
        });
    }

    private CallbackService.AfterTry tried(DSLContext tx, long callbackId, CallOutcome outcome, Optional<Long> agentId,
                                           Optional<Long> callId, Instant startedAt) {
        CallbackService.AfterTry after = callbacks.recordTry(tx, callbackId, outcome, agentId, callId, startedAt, clock.instant());
        var cb = after.callback();
        if (outcome == CallOutcome.ANSWERED && cb.getRecordId() != null
                && (cb.getReason().equals("first_contact") || cb.getReason().equals("ivr_request"))) {
            records.recordEvent(tx, cb.getRecordId(), "customer_contacted",
                    agentId.map(a -> Actor.agent(a, "agent " + a)).orElse(Actor.system()), "callback " + callbackId + " answered");
        }
        if (outcome == CallOutcome.ANSWERED && cb.getRecordId() != null
                && cb.getReason().equals(org.hotline.desk.callbacks.CallbackReason.PERIODIC_FOLLOW_UP.dbName())) {
            records.recordEvent(tx, cb.getRecordId(), "follow_up_done",
                    agentId.map(a -> Actor.agent(a, "agent " + a)).orElse(Actor.system()), "callback " + callbackId + " answered");
        }
        followUps.next(tx, cb, clock.instant()); // a follow-up that ended, answered or not, makes the next
        return after;
    }

    /** Whether a callback offered to an agent is still to be made (not cancelled, moved or made meanwhile). */
    public boolean stillOffered(long callbackId) {
        return DSL.using(dataSource, SQLDialect.POSTGRES).fetchExists(org.hotline.schema.jooq.Tables.CALLBACK,
                org.hotline.schema.jooq.Tables.CALLBACK.ID.eq(callbackId)
                        .and(org.hotline.schema.jooq.Tables.CALLBACK.STATUS.eq(org.hotline.events.CallbackStatus.OFFERED.dbName())));
    }

    /**
     * An offer whose dialer stopped (its node died) before the callback was dialled: its lease
     * ends now, so that the timers offer it again at once (reclaimed) rather than when the lease
     * would have run out. Nothing when it was dialled, done or taken by another lease meanwhile;
     * true when the lease was ended.
     */
    public boolean endOffer(long callbackId, String leaseOwner) {
        var c = org.hotline.schema.jooq.Tables.CALLBACK;
        return DSL.using(dataSource, SQLDialect.POSTGRES).update(c).set(c.LEASE_UNTIL, clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .where(c.ID.eq(callbackId).and(c.STATUS.eq(org.hotline.events.CallbackStatus.OFFERED.dbName()))
                        .and(c.LEASE_OWNER.eq(leaseOwner)))
                .execute() == 1;
    }

    /** Gives a callback still to be made to an agent. */
    public void assignCallback(long callbackId, long agentId, Optional<Long> by) {
        inTransaction(tx -> callbacks.assign(tx, callbackId, agentId, by, clock.instant()));
    }

    /** Gives a record to an agent to handle. */
    public ContactRecord assignRecord(long recordId, long agentId, Actor actor, String reason) {
        return inTransaction(tx -> records.assign(tx, recordId, agentId, actor, reason));
    }

    /** Moves a callback still to be made to another due time. */
    public void rescheduleCallback(long callbackId, java.time.Instant dueAt, Optional<Long> agentId, String note) {
        inTransaction(tx -> callbacks.reschedule(tx, callbackId, dueAt, agentId, note, clock.instant()));
    }

    /** The escalations of this desk: its timers climb them ({@link org.hotline.desk.escalations.DueEscalations}). */
    /** The active users told of an escalation at {@code level}: supervisors and managers, or managers. */
    public java.util.List<Long> toldOfEscalations(org.hotline.desk.escalations.EscalationLevel level) {
        return escalations.told(DSL.using(dataSource, SQLDialect.POSTGRES), level);
    }

    public org.hotline.desk.escalations.Escalations escalations() {
        return escalations;
    }

    /** Escalations, the newest first. */
    public java.util.List<org.hotline.desk.escalations.Escalation> escalations(org.hotline.desk.escalations.Escalations.Filter filter) {
        return escalations.list(DSL.using(dataSource, SQLDialect.POSTGRES), filter);
    }

    public Optional<org.hotline.desk.escalations.Escalation> escalation(long id) {
        return escalations.find(DSL.using(dataSource, SQLDialect.POSTGRES), id);
    }

    /** {@code who} takes an escalation: it stops climbing. */
    public org.hotline.desk.escalations.Escalation acknowledgeEscalation(long id, Actor who) {
        return inTransaction(tx -> escalations.acknowledge(tx, id, who, clock.instant()));
    }

    /** {@code who} resolves an escalation, saying what was done. */
    public org.hotline.desk.escalations.Escalation resolveEscalation(long id, Actor who, String note) {
        return inTransaction(tx -> escalations.resolve(tx, id, who, note, clock.instant()));
    }

    private <T> T inTransaction(Function<DSLContext, T> work) {
        return transactions.transactionResult(c -> work.apply(c.dsl()));
    }
}
