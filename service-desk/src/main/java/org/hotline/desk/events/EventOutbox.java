package org.hotline.desk.events;

import org.hotline.events.DeskEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jooq.DSLContext;
import org.jooq.JSONB;

import java.time.ZoneOffset;
import java.util.List;

import static org.hotline.schema.jooq.Tables.DOMAIN_EVENT;

/**
 * Stores domain events in the transaction of the change they report, so an event exists if
 * and only if its change was committed.
 */
public final class EventOutbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventOutbox() {
    }

    public static void store(DSLContext tx, List<DeskEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        var insert = tx.insertInto(DOMAIN_EVENT, DOMAIN_EVENT.EVENT_ID, DOMAIN_EVENT.TYPE, DOMAIN_EVENT.VERSION,
                DOMAIN_EVENT.AGGREGATE_TYPE, DOMAIN_EVENT.AGGREGATE_ID, DOMAIN_EVENT.OCCURRED_AT, DOMAIN_EVENT.PAYLOAD);
        for (DeskEvent e : events) {
            insert = insert.values(e.id(), e.name(), e.version(), e.aggregateType(), e.aggregateId(),
                    e.at().atOffset(ZoneOffset.UTC), json(e));
        }
        insert.execute();
    }

    static JSONB json(DeskEvent event) {
        try {
            return JSONB.valueOf(JSON.writeValueAsString(event.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.name() + " has a payload that is not plain values", e);
        }
    }
}
