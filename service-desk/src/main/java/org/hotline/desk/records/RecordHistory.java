package org.hotline.desk.records;

import org.jooq.DSLContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.hotline.schema.jooq.Tables.RECORD_EVENT;

/**
 * What has happened to a record, as the events its clocks follow, oldest first, read back from
 * its trail: {@code record_created}, the events each step raised on entering it, and the events
 * recorded on their own ({@code customer_contacted}, ...). Lets a clock that applies only since
 * a fact was learned (the zone, the distance) be run as if it had been known from the start.
 */
final class RecordHistory {

    record Happened(String event, Instant at) {
    }

    private RecordHistory() {
    }

    static List<Happened> of(DSLContext tx, long recordId) {
        List<Happened> events = new ArrayList<>();
        for (var row : tx.selectFrom(RECORD_EVENT).where(RECORD_EVENT.RECORD_ID.eq(recordId))
                .orderBy(RECORD_EVENT.OCCURRED_AT, RECORD_EVENT.ID).fetch()) {
            Instant at = row.getOccurredAt().toInstant();
            switch (row.getEventType()) {
                case "created" -> events.add(new Happened("record_created", at));
                case "transition" -> Workflow.eventsOnEntering(RecordStatus.fromDb(row.getToStatus()))
                        .forEach(event -> events.add(new Happened(event, at)));
                default -> events.add(new Happened(row.getEventType(), at)); // clocks pass over what is none of theirs
            }
        }
        return events;
    }
}
