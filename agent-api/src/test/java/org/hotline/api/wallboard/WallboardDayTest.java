package org.hotline.api.wallboard;

import io.vertx.core.json.JsonObject;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** A node that starts mid-day shows the whole day on its wallboard, read once from the database. */
class WallboardDayTest {

    static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z"); // 12:00 in Shanghai

    @Test
    void aRestartedNodeShowsTheDaySoFar() {
        try (TestDatabase database = TestDatabase.start()) {
            var db = database.dsl();
            db.execute("""
                    INSERT INTO call (asterisk_server, linkedid, direction, offered_at, queue_name, queued_at, answered_at, wait_seconds,
                                      outcome, talk_seconds, ended_at) VALUES
                      ('pbx-a', 'yesterday', 'inbound', '2026-11-22T08:00Z', 'service', '2026-11-22T08:00Z', '2026-11-22T08:00:05Z', 5,
                       'answered', 60, '2026-11-22T08:01:05Z'),
                      ('pbx-a', 'answered', 'inbound', '2026-11-23T01:00Z', 'service', '2026-11-23T01:00Z', '2026-11-23T01:00:12Z', 12,
                       'answered', 60, '2026-11-23T01:01:12Z'),
                      ('pbx-a', 'recent', 'inbound', '2026-11-23T03:55Z', 'service', '2026-11-23T03:55Z', '2026-11-23T03:55:30Z', 30,
                       'answered', 20, '2026-11-23T03:55:50Z'),
                      ('pbx-a', 'gave-up', 'inbound', '2026-11-23T02:00Z', 'service', '2026-11-23T02:00Z', NULL, 40,
                       'abandoned', NULL, '2026-11-23T02:00:40Z'),
                      ('pbx-a', 'waiting', 'inbound', '2026-11-23T03:59Z', 'complaint', '2026-11-23T03:59Z', NULL, NULL,
                       NULL, NULL, NULL)
                    """);
            db.execute("""
                    INSERT INTO callback (reason, status, phone, due_at, completed_at, outcome) VALUES
                      ('abandoned_call', 'done', '+8613900139000', '2026-11-23T02:01Z', '2026-11-23T02:05Z', 'answered'),
                      ('first_contact', 'done', '+8613900139001', '2026-11-23T01:00Z', '2026-11-23T03:00Z', 'answered'),
                      ('return_visit', 'failed', '+8613900139002', '2026-11-23T01:00Z', '2026-11-23T01:40Z', 'no_answer'),
                      ('return_visit', 'done', '+8613900139003', '2026-11-22T01:00Z', '2026-11-22T01:10Z', 'answered')
                    """);
            Wallboard board = new Wallboard(ServiceLevel.defaults(), Duration.ofMinutes(15), ZoneId.of("Asia/Shanghai"), LocalTime.MIDNIGHT,
                    Duration.ofMinutes(15),
                    new MutableClock(NOW));

            board.loadToday(db);

            JsonObject snapshot = board.snapshot();
            JsonObject service = queue(snapshot, "service");
            assertThat(service.getJsonObject("today").getInteger("offered")).isEqualTo(3);
            assertThat(service.getJsonObject("today").getInteger("answered")).isEqualTo(2);
            assertThat(service.getJsonObject("today").getInteger("abandoned")).isEqualTo(1);
            assertThat(service.getJsonObject("today").getDouble("averageSpeedOfAnswerSeconds")).isEqualTo(21.0);
            assertThat(service.getJsonObject("last15Minutes").getInteger("answered")).as("only the recent one").isEqualTo(1);
            assertThat(service.getInteger("waiting")).isZero();
            JsonObject complaint = queue(snapshot, "complaint");
            assertThat(complaint.getJsonObject("today").getInteger("offered")).isEqualTo(1);
            assertThat(complaint.getInteger("waiting")).as("a call without an end may have ended unseen: not shown as waiting")
                    .isZero();
            assertThat(snapshot.getJsonArray("queues").stream().map(JsonObject.class::cast).map(q -> q.getString("queue")))
                    .as("no nameless row").containsExactlyInAnyOrder("service", "complaint");
            // the link to Asterisk taken up: the caller really queued is found, waiting since they joined, offered once
            board.apply(new org.hotline.events.CallEvent.QueueTakenOver("pbx-a", "waiting", NOW, "complaint", 1, "", "", 60,
                    java.time.Instant.parse("2026-11-23T03:59:00Z"), java.time.Instant.parse("2026-11-23T03:58:40Z"), java.util.Map.of()));
            complaint = queue(board.snapshot(), "complaint");
            assertThat(complaint.getInteger("waiting")).as("still waiting when the node started").isEqualTo(1);
            assertThat(complaint.getLong("longestWaitSeconds")).isEqualTo(60);
            assertThat(complaint.getJsonObject("today").getInteger("offered")).as("not offered twice").isEqualTo(1);
            JsonObject hour = board.snapshot().getJsonArray("hours").getJsonObject(9);
            assertThat(hour.getLong("offered")).as("01:00Z and 01:01Z are 09:00 in Shanghai").isEqualTo(1);
            assertThat(hour.getLong("answered")).isEqualTo(1);
            JsonObject callbacks = snapshot.getJsonObject("work").getJsonObject("callbacks");
            assertThat(callbacks.getLong("doneToday")).isEqualTo(2);
            assertThat(callbacks.getLong("doneOnTimeToday")).isEqualTo(1);
            assertThat(callbacks.getLong("failedToday")).isEqualTo(1);
        }
    }

    /** A call answered before the node started and still talking: its talk counts in the handle time when it ends. */
    @Test
    void aCallTalkingWhenTheNodeStartedCountsItsTalkWhenItEnds() {
        try (TestDatabase database = TestDatabase.start()) {
            var db = database.dsl();
            db.execute("""
                    INSERT INTO call (asterisk_server, linkedid, direction, offered_at, queue_name, queued_at, answered_at, wait_seconds)
                    VALUES ('pbx-a', 'talking', 'inbound', '2026-11-23T03:50Z', 'service', '2026-11-23T03:50Z', '2026-11-23T03:50:10Z', 10)
                    """);
            Wallboard board = new Wallboard(ServiceLevel.defaults(), Duration.ofMinutes(15), ZoneId.of("Asia/Shanghai"), LocalTime.MIDNIGHT,
                    Duration.ofMinutes(15), new MutableClock(NOW));
            board.loadToday(db);
            assertThat(queue(board.snapshot(), "service").getJsonObject("today").getValue("averageHandleSeconds")).isNull();

            board.apply(new org.hotline.events.CallEvent.AgentCompleted("pbx-a", "talking", NOW, "", "", 120, 0, ""));

            JsonObject today = queue(board.snapshot(), "service").getJsonObject("today");
            assertThat(today.getDouble("averageHandleSeconds")).isEqualTo(120.0);
            assertThat(today.getInteger("answered")).isEqualTo(1);
        }
    }

    private static JsonObject queue(JsonObject snapshot, String name) {
        return snapshot.getJsonArray("queues").stream().map(JsonObject.class::cast).filter(q -> q.getString("queue").equals(name))
                .findFirst().orElseThrow();
    }

    /**
     * A node that missed some call events (its link to Redis was down) catches up from the
     * database: a call it never saw is counted, one it saw waiting gets its answer, and what it
     * counted from events alone (not written yet) or whole is not lost nor counted twice.
     */
    @Test
    void aNodeThatMissedEventsCatchesUpWithoutCountingTwice() {
        try (TestDatabase database = TestDatabase.start()) {
            var db = database.dsl();
            db.execute("""
                    INSERT INTO call (asterisk_server, linkedid, direction, offered_at, queue_name, queued_at, answered_at, wait_seconds,
                                      outcome, talk_seconds, ended_at) VALUES
                      ('pbx-a', 'seen', 'inbound', '2026-11-23T03:00Z', 'service', '2026-11-23T03:00Z', '2026-11-23T03:00:10Z', 10,
                       'answered', 60, '2026-11-23T03:01:10Z'),
                      ('pbx-a', 'seen-waiting', 'inbound', '2026-11-23T03:10Z', 'service', '2026-11-23T03:10Z', '2026-11-23T03:10:20Z', 20,
                       'answered', 30, '2026-11-23T03:10:50Z'),
                      ('pbx-a', 'missed', 'inbound', '2026-11-23T03:20Z', 'service', '2026-11-23T03:20Z', '2026-11-23T03:20:30Z', 30,
                       'answered', 30, '2026-11-23T03:21:00Z')
                    """);
            Wallboard board = new Wallboard(ServiceLevel.defaults(), Duration.ofMinutes(15), ZoneId.of("Asia/Shanghai"), LocalTime.MIDNIGHT,
                    Duration.ofMinutes(15), new MutableClock(NOW));
            board.apply(joined("seen", "2026-11-23T03:00:00Z"));
            board.apply(new org.hotline.events.CallEvent.Answered("pbx-a", "seen", Instant.parse("2026-11-23T03:00:10Z"), "", "",
                    "service", 0, 0, 10));
            board.apply(joined("seen-waiting", "2026-11-23T03:10:00Z")); // its answer was missed
            board.apply(joined("not-written-yet", "2026-11-23T03:58:00Z")); // told by its events, not yet in the database

            JsonObject service = queue(board.catchUpToday(db), "service");

            assertThat(service.getJsonObject("today").getInteger("offered")).isEqualTo(4);
            assertThat(service.getJsonObject("today").getInteger("answered")).isEqualTo(3);
            assertThat(service.getInteger("waiting")).as("the one not written yet waits still").isEqualTo(1);
            assertThat(queue(board.catchUpToday(db), "service").getJsonObject("today").getInteger("offered")).as("twice: the same")
                    .isEqualTo(4);
        }
    }

    private static org.hotline.events.CallEvent.QueueJoined joined(String linkedid, String at) {
        return new org.hotline.events.CallEvent.QueueJoined("pbx-a", linkedid, Instant.parse(at), "service", 1, "", "", java.util.Map.of());
    }
}
