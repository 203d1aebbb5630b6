package org.hotline.desk.records;

import org.hotline.schema.jooq.tables.records.ContactRecordRecord;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.RECORD_EVENT;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/** A record as its page shows it: the record, its clocks with their deadlines and states, its trail. */
public record RecordDetail(ContactRecordRecord record, List<Clock> clocks, List<Step> trail) {

    /** A clock of the record. */
    public record Clock(String milestone, String state, Optional<Instant> deadline, Optional<Instant> atRiskAt,
                        Optional<Instant> breachedAt) {
    }

    /** An entry of its trail: when, what, by whom, from and to which status, why. */
    public record Step(Instant at, String event, Optional<String> by, Optional<String> from, Optional<String> to,
                       Optional<String> reason) {
    }

    public static Optional<RecordDetail> of(DSLContext db, long id) {
        return db.selectFrom(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(id)).fetchOptional().map(r -> new RecordDetail(r,
                db.selectFrom(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(id)).orderBy(SLA_CLOCK.ID)
                        .fetch(c -> new Clock(c.getMilestoneCode(), c.getState(), instant(c.getDeadlineAt()), instant(c.getAtRiskAt()),
                                instant(c.getBreachedAt()))),
                db.selectFrom(RECORD_EVENT).where(RECORD_EVENT.RECORD_ID.eq(id)).orderBy(RECORD_EVENT.ID)
                        .fetch(e -> new Step(e.getOccurredAt().toInstant(), e.getEventType(), Optional.ofNullable(e.getActorName()),
                                Optional.ofNullable(e.getFromStatus()), Optional.ofNullable(e.getToStatus()),
                                Optional.ofNullable(e.getReason())))));
    }

    private static Optional<Instant> instant(OffsetDateTime at) {
        return Optional.ofNullable(at).map(OffsetDateTime::toInstant);
    }
}
