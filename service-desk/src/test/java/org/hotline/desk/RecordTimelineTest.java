package org.hotline.desk;

import org.hotline.desk.callbacks.CallOutcome;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.records.RecordTimeline;
import org.hotline.desk.records.RecordTimeline.Kind;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.CALLBACK;

/** A record's one timeline: its trail, its callback and the try of it, the call of that try, its clocks, in the order they happened. */
class RecordTimelineTest {

    private static final Instant MONDAY_10 = LocalDateTime.parse("2026-11-23T10:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant();

    @Test
    void everythingThatHappenedToARecordInOneListOldestFirst() {
        try (TestDatabase database = TestDatabase.start(); var pool = database.pool("timeline", 2)) {
            DSLContext db = database.dsl();
            MutableClock clock = new MutableClock(MONDAY_10);
            ServiceDesk desk = new ServiceDesk(pool, ShippedRules.slaPolicies(Optional.empty()), ShippedRules.deskSettings(Optional.empty()),
                    clock);
            db.execute("INSERT INTO agent (id, username, display_name) VALUES (1, 'wangfang', '王芳')");
            long customer = db.resultQuery("INSERT INTO customer (name) VALUES ('赵六') RETURNING id").fetchOne(0, Long.class);
            long id = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(customer, "+8613800138000"), Actor.ivr()).id();
            long callback = db.select(CALLBACK.ID).from(CALLBACK).where(CALLBACK.RECORD_ID.eq(id)).fetchSingle(CALLBACK.ID);

            clock.advance(Duration.ofMinutes(10));
            db.execute("INSERT INTO call (asterisk_server, linkedid, direction, callback_id, agent_id, offered_at, answered_at, talk_seconds, outcome) "
                    + "VALUES ('pbx-a', '1795600000.9', 'outbound', " + callback + ", 1, '" + clock.instant() + "', '" + clock.instant()
                    + "', 95, 'answered')");
            desk.callbackTried(callback, CallOutcome.ANSWERED, Optional.of(1L), Optional.empty());
            clock.advance(Duration.ofMinutes(5));
            desk.recordEvent(id, "note", Actor.agent(1, "王芳"), "E5 code, compressor suspected");
            clock.advance(Duration.ofMinutes(5));
            desk.transition(id, RecordStatus.WARRANTY_CHECKED, Actor.agent(1, "王芳"), null);

            List<RecordTimeline.Entry> timeline = RecordTimeline.of(db, id);
            assertThat(timeline).extracting(RecordTimeline.Entry::at).isSorted();
            // what happened at one moment may come in any order; what happened later comes later
            assertThat(timeline).extracting(e -> e.kind() + " " + e.what()).containsSubsequence(
                    "TRAIL created", "CALL answered", "TRAIL note", "TRAIL transition");
            assertThat(timeline.stream().filter(e -> e.at().equals(MONDAY_10)).map(e -> e.kind() + " " + e.what()).toList())
                    .as("when the record was made").contains("TRAIL created", "CALLBACK scheduled", "CLOCK started")
                    .allSatisfy(what -> assertThat(what).doesNotContain("done", "met"));
            assertThat(timeline).extracting(e -> e.kind() + " " + e.what()).contains("CALLBACK_TRY answered", "CALLBACK done", "CLOCK met",
                    "TRAIL customer_contacted");
            var note = timeline.stream().filter(e -> e.what().equals("note")).findFirst().orElseThrow();
            assertThat(note.by()).contains("王芳");
            assertThat(note.details()).containsEntry("reason", "E5 code, compressor suspected");
            var call = timeline.stream().filter(e -> e.kind() == Kind.CALL).findFirst().orElseThrow();
            assertThat(call.details()).containsEntry("talkSeconds", 95.0).containsEntry("callbackId", callback);
            assertThat(timeline.stream().filter(e -> e.kind() == Kind.CLOCK && e.what().equals("met")).findFirst().orElseThrow().details())
                    .containsEntry("milestone", "first-contact");
        }
    }
}
