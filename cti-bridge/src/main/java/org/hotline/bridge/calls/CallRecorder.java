package org.hotline.bridge.calls;

import org.hotline.desk.writes.WriteQueue;
import org.hotline.desk.customers.PhoneNumbers;
import org.hotline.events.CallEvent;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.ZoneOffset;
import java.util.function.Consumer;

import static org.hotline.schema.jooq.Tables.CALL;

/**
 * Writes every call to PostgreSQL as its events come: one row per call (server and Linkedid),
 * with its queue, caller (and the customer the number belongs to), the agent who answered, its
 * times (queued, first ring, answered, ended; wait, talk) and its outcome. Writes run on a
 * {@link WriteQueue}, in call event order, so the database never delays the events that follow
 * (screen pops, the wallboard), and a database that takes no writes for a while loses none.
 */
public final class CallRecorder implements Consumer<CallEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final DSLContext db;
    private final PhoneNumbers numbers;
    private final WriteQueue writer;
    /** The calls whose rows this recorder has made (server and Linkedid), until they end; the writer's thread only. */
    private final java.util.Set<String> rowsMade = new java.util.HashSet<>();

    public CallRecorder(DataSource dataSource, PhoneNumbers numbers) {
        this(dataSource, numbers, 200_000);
    }

    /** @param pendingWrites the most writes kept while the database takes none */
    public CallRecorder(DataSource dataSource, PhoneNumbers numbers, int pendingWrites) {
        this.db = org.hotline.desk.writes.Transactions.on(dataSource);
        this.numbers = numbers;
        this.writer = new WriteQueue("call-recorder", pendingWrites);
    }

    /** The queue of this recorder's writes (for its metrics). */
    public WriteQueue writes() {
        return writer;
    }

    @Override
    public void accept(CallEvent event) {
        writer.write("call " + event.linkedid() + " on " + event.server() + ": " + event.getClass().getSimpleName(), () -> write(event));
    }

    /** On the writer's thread. */
    private void write(CallEvent event) {
        String call = event.server() + '\n' + event.linkedid();
        boolean rowMade = rowsMade.contains(call);
        if (rowMade && CallRows.onlyMakesTheRow(event)) {
            // nothing to write
        } else if (CallRows.oneStatement(event, rowMade)) {
            // one statement is whole or nothing by itself: no transaction's three round trips around it
            new CallRows(db, numbers).write(event, rowMade);
        } else {
            // one transaction per event: a write cut short by a lost connection leaves nothing, and is tried again whole
            db.transaction(c -> new CallRows(c.dsl(), numbers).write(event, rowMade));
        }
        if (event instanceof CallEvent.Ended) {
            rowsMade.remove(call);
        } else {
            rowsMade.add(call);
        }
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
            rowsMade.removeIf(call -> call.startsWith(server + '\n') && !active.contains(call.substring(server.length() + 1)));
        });
    }

    /** Waits until every event accepted so far is written. */
    public void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        writer.close();
    }
}
