package org.hotline.desk.events;

import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hotline.desk.timers.FiringJob;
import org.jooq.Condition;
import org.jooq.DSLContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.hotline.schema.jooq.Tables.DOMAIN_EVENT;

/**
 * Hands stored events to the bus, oldest first, and marks them published in the same
 * transaction. Several relays may run: each takes rows the others have not locked. If a relay
 * dies after publishing and before committing, those events are published again (consumers
 * deduplicate by event id); none is lost.
 */
public final class EventRelay implements FiringJob {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() { };

    private final DomainEventBus bus;

    public EventRelay(DomainEventBus bus) {
        this.bus = bus;
    }

    @Override
    public String name() {
        return "event-relay";
    }

    @Override
    public Condition anyDue(Instant now) {
        return FiringJob.firstRow(DOMAIN_EVENT, DOMAIN_EVENT.PUBLISHED_AT.isNull(), DOMAIN_EVENT.ID);
    }

    @Override
    public int fireDue(DSLContext tx, Instant now, int limit) {
        var rows = tx.selectFrom(DOMAIN_EVENT).where(DOMAIN_EVENT.PUBLISHED_AT.isNull())
                .orderBy(DOMAIN_EVENT.ID).limit(limit).forUpdate().skipLocked().fetch();
        for (var row : rows) {
            bus.publish(new DeskEvent(row.getEventId(), DeskEventType.ofWireName(row.getType()), row.getType(), row.getVersion(),
                    row.getAggregateType(),
                    row.getAggregateId(), row.getOccurredAt().toInstant(), payload(row.getPayload().data())));
        }
        if (!rows.isEmpty()) {
            tx.update(DOMAIN_EVENT).set(DOMAIN_EVENT.PUBLISHED_AT, now.atOffset(ZoneOffset.UTC))
                    .where(DOMAIN_EVENT.ID.in(rows.map(r -> r.getId()))).execute();
        }
        return rows.size();
    }

    private static Map<String, Object> payload(String json) {
        try {
            return JSON.readValue(json, PAYLOAD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
