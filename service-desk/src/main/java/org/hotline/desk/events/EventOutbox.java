package org.hotline.desk.events;

import org.hotline.events.DeskEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.hotline.schema.jooq.Tables.DOMAIN_EVENT;

/**
 * Stores domain events in the transaction of the change they report, so an event exists if
 * and only if its change was committed. In a transaction of a context with the {@link #gatherer} the
 * events stored are kept and written together, in the order stored, in one insert just before
 * the commit (a record's creation, its clocks, its callback and the call that reached its customer
 * each stored theirs on their own: four or five inserts a call); anywhere else, at once.
 */
public final class EventOutbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The key, in a gathering transaction's configuration, of the events it stored so far. */
    private static final String GATHERED = EventOutbox.class.getName() + ".gathered";

    private EventOutbox() {
    }

    /**
     * What makes a transaction gather the events it stores and write them at its commit (nothing
     * written for a transaction rolled back): a listener for the contexts the desk's writes run in.
     */
    public static TransactionListener gatherer() {
        return new Gatherer();
    }

    public static void store(DSLContext tx, List<DeskEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<DeskEvent> gathered = gathered(tx.configuration());
        if (gathered != null) {
            gathered.addAll(events);
            return;
        }
        insert(tx, events);
    }

    /** The events a gathering transaction stored so far; null outside one. */
    @SuppressWarnings("unchecked")
    private static List<DeskEvent> gathered(Configuration transaction) {
        return (List<DeskEvent>) transaction.data(GATHERED);
    }

    private static void insert(DSLContext tx, List<DeskEvent> events) {
        var insert = tx.insertInto(DOMAIN_EVENT, DOMAIN_EVENT.EVENT_ID, DOMAIN_EVENT.TYPE, DOMAIN_EVENT.VERSION,
                DOMAIN_EVENT.AGGREGATE_TYPE, DOMAIN_EVENT.AGGREGATE_ID, DOMAIN_EVENT.OCCURRED_AT, DOMAIN_EVENT.PAYLOAD);
        for (DeskEvent e : events) {
            insert = insert.values(e.id(), e.name(), e.version(), e.aggregateType(), e.aggregateId(),
                    e.at().atOffset(ZoneOffset.UTC), json(e));
        }
        insert.execute();
    }

    /** Begins each transaction's list of events, and writes it as the transaction commits (before, within it). */
    private static final class Gatherer implements TransactionListener {

        @Override
        public void beginEnd(TransactionContext ctx) {
            ctx.configuration().data(GATHERED, new ArrayList<DeskEvent>());
        }

        @Override
        public void commitStart(TransactionContext ctx) {
            List<DeskEvent> gathered = gathered(ctx.configuration());
            if (gathered != null && !gathered.isEmpty()) {
                insert(ctx.dsl(), gathered);
                gathered.clear();
            }
        }

        @Override
        public void rollbackStart(TransactionContext ctx) {
            List<DeskEvent> gathered = gathered(ctx.configuration());
            if (gathered != null) {
                gathered.clear();
            }
        }
    }

    static JSONB json(DeskEvent event) {
        try {
            return JSONB.valueOf(JSON.writeValueAsString(event.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.name() + " has a payload that is not plain values", e);
        }
    }
}
