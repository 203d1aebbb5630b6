package org.hotline.bridge.calls;

import org.hotline.bridge.store.OrderedWriter;
import org.hotline.desk.customers.PhoneNumbers;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.IVR_SESSION;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.QUEUE;

/**
 * Writes every call to PostgreSQL as its events come: one row per call (server and Linkedid),
 * with its queue, caller (and the customer the number belongs to), the agent who answered, its
 * times (queued, first ring, answered, ended; wait, talk) and its outcome. Writes run on a
 * thread of their own, in call event order, so the database never delays the events that
 * follow (screen pops, the wallboard).
 */
public final class CallRecorder implements Consumer<CallEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final DSLContext db;
    private final PhoneNumbers numbers;
    private final OrderedWriter writer = new OrderedWriter("call-recorder");

    public CallRecorder(DataSource dataSource, PhoneNumbers numbers) {
        this.db = DSL.using(dataSource, SQLDialect.POSTGRES);
        this.numbers = numbers;
    }

    @Override
    public void accept(CallEvent event) {
        writer.write("call " + event.linkedid() + " on " + event.server() + ": " + event.type(), () -> write(event));
    }

    /**
     * Closes the calls of {@code server} still open in the database that Asterisk no longer has
     * ({@code active}: the Linkedids it listed after a reconnect), such as calls that ended while
     * Hotline was down: ended now, outcome left unknown. In order with the other writes.
     */
    public void closeCallsNotIn(String server, java.util.Set<String> active, java.time.Instant at) {
        writer.write(server + ": closing the calls that ended unseen", () -> {
            int closed = db.update(CALL).set(CALL.ENDED_AT, at.atOffset(ZoneOffset.UTC))
                        .set(CALL.HANGUP_CAUSE_TEXT, "ended while Hotline was not listening")
                        .set(CALL.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                        .where(CALL.ASTERISK_SERVER.eq(server).and(CALL.ENDED_AT.isNull())
                                .and(CALL.OFFERED_AT.lt(at.atOffset(ZoneOffset.UTC)))
                                .and(active.isEmpty() ? DSL.trueCondition() : CALL.LINKEDID.notIn(active)))
                        .execute();
            if (closed > 0) {
                log.info("{}: closed {} call(s) that ended while Hotline was not listening", server, closed);
            }
        });
    }

    /** Waits until every event accepted so far is written. */
    public void flush() {
        writer.flush();
    }

    private void write(CallEvent e) {
        OffsetDateTime at = e.at().atOffset(ZoneOffset.UTC);
        var row = CALL.ASTERISK_SERVER.eq(e.server()).and(CALL.LINKEDID.eq(e.linkedid()));
        // every event makes sure the row exists: a call taken over after a reconnect has no OFFERED
        db.insertInto(CALL).set(CALL.ASTERISK_SERVER, e.server()).set(CALL.LINKEDID, e.linkedid())
                .set(CALL.DIRECTION, "inbound").set(CALL.OFFERED_AT, at).onConflictDoNothing().execute();
        switch (e.type()) {
            case QUEUE_JOINED -> {
                String queue = text(e, "queue");
                Optional<String> caller = numbers.normalize(text(e, "callerNumber"));
                db.update(CALL).set(CALL.QUEUE_NAME, queue).set(CALL.QUEUE_ID, queueId(queue)).set(CALL.QUEUED_AT, at)
                        .set(CALL.CALLER_NUMBER, caller.orElse(text(e, "callerNumber")))
                        .set(CALL.CUSTOMER_ID, caller.flatMap(this::customerOf).orElse(null))
                        .set(CALL.RECORD_ID, DSL.coalesce(CALL.RECORD_ID,
                                existing(CONTACT_RECORD, CONTACT_RECORD.ID, variable(e, "HOTLINE_RECORD_ID"))))
                        .set(CALL.IVR_SESSION_ID, DSL.coalesce(CALL.IVR_SESSION_ID,
                                existing(IVR_SESSION, IVR_SESSION.ID, variable(e, "HOTLINE_IVR_SESSION_ID"))))
                        .set(CALL.UPDATED_AT, at).where(row).execute();
            }
            case QUEUE_TAKEN_OVER -> {
                // found queued at a resync: fill in what is missing, never overwrite what the join itself wrote
                String queue = text(e, "queue");
                Optional<String> caller = numbers.normalize(text(e, "callerNumber"));
                OffsetDateTime queuedAt = java.time.Instant.parse(text(e, "queuedAt")).atOffset(ZoneOffset.UTC);
                OffsetDateTime offeredAt = java.time.Instant.parse(text(e, "offeredAt")).atOffset(ZoneOffset.UTC);
                db.update(CALL).set(CALL.QUEUE_NAME, DSL.coalesce(CALL.QUEUE_NAME, DSL.val(queue)))
                        .set(CALL.QUEUE_ID, DSL.coalesce(CALL.QUEUE_ID, DSL.val(queueId(queue))))
                        .set(CALL.QUEUED_AT, DSL.coalesce(CALL.QUEUED_AT, DSL.val(queuedAt)))
                        .set(CALL.OFFERED_AT, DSL.least(CALL.OFFERED_AT, DSL.val(offeredAt)))
                        .set(CALL.CALLER_NUMBER, DSL.coalesce(CALL.CALLER_NUMBER, DSL.val(caller.orElse(null))))
                        .set(CALL.CUSTOMER_ID, DSL.coalesce(CALL.CUSTOMER_ID, DSL.val(caller.flatMap(this::customerOf).orElse(null)),
                                existing(CUSTOMER, CUSTOMER.ID, variable(e, "HOTLINE_CUSTOMER_ID"))))
                        .set(CALL.RECORD_ID, DSL.coalesce(CALL.RECORD_ID,
                                existing(CONTACT_RECORD, CONTACT_RECORD.ID, variable(e, "HOTLINE_RECORD_ID"))))
                        .set(CALL.IVR_SESSION_ID, DSL.coalesce(CALL.IVR_SESSION_ID,
                                existing(IVR_SESSION, IVR_SESSION.ID, variable(e, "HOTLINE_IVR_SESSION_ID"))))
                        .set(CALL.UPDATED_AT, at).where(row).execute();
            }
            case AGENT_RINGING -> db.update(CALL).set(CALL.FIRST_RING_AT, DSL.coalesce(CALL.FIRST_RING_AT, DSL.val(at)))
                    .set(CALL.RING_ATTEMPTS, CALL.RING_ATTEMPTS.plus(1)).set(CALL.UPDATED_AT, at).where(row).execute();
            case ANSWERED -> db.update(CALL).set(CALL.ANSWERED_AT, at).set(CALL.AGENT_ID, agentId(text(e, "agentInterface")))
                    .set(CALL.WAIT_SECONDS, seconds(e, "waitSeconds")).set(CALL.RING_SECONDS, seconds(e, "ringSeconds"))
                    .set(CALL.OUTCOME, "answered").set(CALL.UPDATED_AT, at).where(row).execute();
            case ABANDONED -> db.update(CALL).set(CALL.WAIT_SECONDS, seconds(e, "waitSeconds"))
                    .set(CALL.ABANDON_POSITION, (Integer) e.details().get("position")).set(CALL.OUTCOME, "abandoned")
                    .set(CALL.UPDATED_AT, at).where(row).execute();
            case AGENT_COMPLETED -> db.update(CALL).set(CALL.TALK_SECONDS, seconds(e, "talkSeconds"))
                    .set(CALL.UPDATED_AT, at).where(row).execute();
            case ENDED -> {
                db.update(CALL).set(CALL.ENDED_AT, at)
                        .set(CALL.RECORD_ID, DSL.coalesce(CALL.RECORD_ID, existing(CONTACT_RECORD, CONTACT_RECORD.ID, variable(e, "HOTLINE_RECORD_ID"))))
                        .set(CALL.CALLBACK_ID, DSL.coalesce(CALL.CALLBACK_ID, existing(CALLBACK, CALLBACK.ID, variable(e, "HOTLINE_CALLBACK_ID"))))
                        .set(CALL.CUSTOMER_ID, DSL.coalesce(CALL.CUSTOMER_ID, existing(CUSTOMER, CUSTOMER.ID, variable(e, "HOTLINE_CUSTOMER_ID"))))
                        .set(CALL.IVR_SESSION_ID, DSL.coalesce(CALL.IVR_SESSION_ID,
                                existing(IVR_SESSION, IVR_SESSION.ID, variable(e, "HOTLINE_IVR_SESSION_ID"))))
                        .set(CALL.OUTCOME, DSL.coalesce(CALL.OUTCOME, DSL.val(knownOutcome(text(e, "outcome")))))
                        .set(CALL.CALLER_NUMBER, DSL.coalesce(CALL.CALLER_NUMBER,
                                DSL.val(numbers.normalize(text(e, "callerNumber")).orElse(null))))
                        .set(CALL.HOLD_SECONDS, seconds(e, "onHoldSeconds"))
                        .set(CALL.TRANSFERRED_TO, (String) e.details().get("transferredTo"))
                        .set(CALL.HANGUP_CAUSE, (Integer) e.details().get("cause"))
                        .set(CALL.HANGUP_CAUSE_TEXT, text(e, "causeText")).set(CALL.UPDATED_AT, at).where(row).execute();
                if (e.details().get("connectedAt") instanceof String connected) { // no queue: talk from the bridge to the end
                    db.update(CALL).set(CALL.ANSWERED_AT, DSL.coalesce(CALL.ANSWERED_AT,
                                    DSL.val(java.time.Instant.parse(connected).atOffset(ZoneOffset.UTC))))
                            .set(CALL.TALK_SECONDS, DSL.coalesce(CALL.TALK_SECONDS, seconds(e, "talkSeconds"))).where(row).execute();
                }
                if (e.details().get("ivrUniqueid") instanceof String ivrChannel) {
                    // the IVR session of the channel that ran the AGI (Asterisk's AGI request names no Linkedid)
                    db.update(IVR_SESSION).set(IVR_SESSION.LINKEDID, e.linkedid())
                            .where(IVR_SESSION.ASTERISK_SERVER.eq(e.server()).and(IVR_SESSION.UNIQUEID.eq(ivrChannel))
                                    .and(IVR_SESSION.LINKEDID.isNull())).execute();
                }
                Long callback = variable(e, "HOTLINE_CALLBACK_ID");
                if (callback != null && "callback".equals(e.details().get("direction"))) {
                    // Hotline's own callback call (Originate): the customer it called, and the callback it was for
                    db.update(CALL).set(CALL.DIRECTION, "callback")
                            .set(CALL.CALLER_NUMBER, DSL.coalesce(DSL.field(DSL.select(CALLBACK.PHONE).from(CALLBACK)
                                    .where(CALLBACK.ID.eq(callback))), CALL.CALLER_NUMBER))
                            .set(CALL.CUSTOMER_ID, DSL.coalesce(CALL.CUSTOMER_ID, DSL.field(DSL.select(CALLBACK.CUSTOMER_ID)
                                    .from(CALLBACK).where(CALLBACK.ID.eq(callback)))))
                            .set(CALL.RECORD_ID, DSL.coalesce(CALL.RECORD_ID, DSL.field(DSL.select(CALLBACK.RECORD_ID)
                                    .from(CALLBACK).where(CALLBACK.ID.eq(callback)))))
                            .where(row.and(CALL.QUEUE_NAME.isNull())).execute();
                }
            }
            default -> { }
        }
    }

    /** The id, if a row with it exists: a channel variable naming a record that is not there links nothing. */
    private static org.jooq.Field<Long> existing(org.jooq.Table<?> table, org.jooq.TableField<?, Long> id, Long value) {
        return value == null ? DSL.val((Long) null) : DSL.field(DSL.select(id).from(table).where(id.eq(value)));
    }

    /** A numeric channel variable the dialplan exported with the call's events (manager.conf channelvars). */
    @SuppressWarnings("unchecked")
    private static Long variable(CallEvent e, String name) {
        Object variables = e.details().get("variables");
        if (!(variables instanceof Map<?, ?> map) || !(map.get(name) instanceof String value)) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** "unknown" (a call that ended unseen) is stored as no outcome. */
    private static String knownOutcome(String outcome) {
        return outcome.isEmpty() || outcome.equals("unknown") ? null : outcome;
    }

    private Long queueId(String name) {
        return db.select(QUEUE.ID).from(QUEUE).where(QUEUE.NAME.eq(name)).fetchOptional(QUEUE.ID).orElse(null);
    }

    private Long agentId(String agentInterface) {
        return db.select(AGENT.ID).from(AGENT).where(AGENT.INTERFACE.eq(agentInterface)).fetchOptional(AGENT.ID).orElse(null);
    }

    private Optional<Long> customerOf(String number) {
        return db.select(CUSTOMER_PHONE.CUSTOMER_ID).from(CUSTOMER_PHONE).where(CUSTOMER_PHONE.NUMBER.eq(number))
                .orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc(), CUSTOMER_PHONE.ID).limit(1).fetchOptional(CUSTOMER_PHONE.CUSTOMER_ID);
    }

    private static String text(CallEvent e, String key) {
        Object value = e.details().get(key);
        return value == null ? "" : value.toString();
    }

    private static BigDecimal seconds(CallEvent e, String key) {
        Object value = e.details().get(key);
        return value instanceof Number n ? BigDecimal.valueOf(n.doubleValue()).setScale(3, java.math.RoundingMode.HALF_UP) : null;
    }

    @Override
    public void close() {
        writer.close();
    }
}
