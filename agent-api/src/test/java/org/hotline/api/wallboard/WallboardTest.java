package org.hotline.api.wallboard;

import io.vertx.core.json.JsonObject;
import org.hotline.events.AgentState;
import org.hotline.events.AgentStateChanged;
import org.hotline.events.CallDirection;
import org.hotline.events.CallEvent;
import org.hotline.events.CallOutcome;
import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.hotline.events.HotlineEvent;
import org.hotline.desk.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WallboardTest {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z"); // 10:00 in Shanghai
    final MutableClock clock = new MutableClock(T0);
    final Wallboard board = new Wallboard(ServiceLevel.defaults(), Duration.ofMinutes(15), ZoneId.of("Asia/Shanghai"),
            LocalTime.MIDNIGHT, Duration.ofMinutes(15), clock);

    /** The event, happening {@code secondsAfterT0} after T0 (the clock set to then). */
    List<JsonObject> at(int secondsAfterT0, java.util.function.Function<Instant, HotlineEvent> event) {
        clock.set(T0.plusSeconds(secondsAfterT0));
        return board.apply(event.apply(T0.plusSeconds(secondsAfterT0)));
    }

    List<JsonObject> joined(String linkedid, int seconds, String queue) {
        return at(seconds, t -> new CallEvent.QueueJoined("pbx-a", linkedid, t, queue, 1, "", "", Map.of()));
    }

    List<JsonObject> answered(String linkedid, int seconds, String queue, double wait) {
        return at(seconds, t -> new CallEvent.Answered("pbx-a", linkedid, t, "PJSIP/1001", "", queue, 0, 0, wait));
    }

    List<JsonObject> abandoned(String linkedid, int seconds, String queue, double wait) {
        return at(seconds, t -> new CallEvent.Abandoned("pbx-a", linkedid, t, queue, 0, 1, wait));
    }

    List<JsonObject> agent(int seconds, String name, AgentState to, String reason) {
        return at(seconds, t -> new AgentStateChanged("pbx-a", "PJSIP/1001", name, AgentState.READY, to, reason, Set.of(), t));
    }

    JsonObject queue(String name) {
        return board.snapshot().getJsonArray("queues").stream().map(JsonObject.class::cast)
                .filter(q -> q.getString("queue").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theFiguresFollowTheCallsOneEventAtATime() {
        joined("a", 0, "service");
        joined("b", 1, "service");
        List<JsonObject> delta = joined("c", 2, "service");
        assertThat(delta).extracting(d -> d.getString("type")).as("the queue, and today's hours with it").containsExactly("queue", "hours");
        assertThat(delta.get(1).getJsonArray("hours")).as("only the hour the call counted in: 10:00 in Shanghai").singleElement()
                .satisfies(h -> assertThat(List.of(((JsonObject) h).getLong("hour"), ((JsonObject) h).getLong("offered"))).containsExactly(10L, 3L));
        assertThat(delta.subList(0, 1)).singleElement().satisfies(d -> {
            assertThat(d.getString("type")).isEqualTo("queue");
            assertThat(d.getJsonObject("queue").getInteger("waiting")).isEqualTo(3);
            assertThat(d.getJsonObject("queue").getString("oldestWaitingSince")).isEqualTo(T0.toString());
        });

        answered("a", 10, "service", 10);
        abandoned("b", 6, "service", 5);
        answered("c", 32, "service", 30);
        at(130, t -> new CallEvent.AgentCompleted("pbx-a", "a", t, "PJSIP/1001", "", 120, 0, "agent"));
        at(131, t -> new CallEvent.Ended("pbx-a", "a", t, CallOutcome.ANSWERED, CallDirection.INBOUND, 16, "", "", "service", Map.of(),
                null, null, null, 0.0, null));

        JsonObject today = queue("service").getJsonObject("today");
        assertThat(queue("service").getInteger("waiting")).isZero();
        assertThat(today.getLong("offered")).isEqualTo(3);
        assertThat(today.getLong("answered")).isEqualTo(2);
        assertThat(today.getLong("abandoned")).isEqualTo(1);
        assertThat(today.getDouble("serviceLevelPercent")).as("1 within 20 s of 2 answered + 1 abandoned - 1 short abandon")
                .isEqualTo(50.0);
        assertThat(today.getDouble("averageSpeedOfAnswerSeconds")).isEqualTo(20.0);
        assertThat(today.getDouble("averageHandleSeconds")).isEqualTo(120.0);
        assertThat(queue("service").getJsonObject("last15Minutes").getLong("offered")).isEqualTo(3);

        clock.set(T0.plus(Duration.ofMinutes(20)));
        assertThat(queue("service").getJsonObject("last15Minutes").getLong("offered")).as("out of the window").isZero();
        assertThat(queue("service").getJsonObject("today").getLong("offered")).isEqualTo(3);

        clock.set(Instant.parse("2026-11-23T16:00:01Z")); // 00:00:01 the next day in Shanghai
        assertThat(queue("service").getJsonObject("today").getLong("offered")).as("a new day").isZero();
    }

    @Test
    void agentsAreListedByStateWithTheTimeTheyEnteredIt() {
        agent(0, "李雷", AgentState.READY, "");
        List<JsonObject> delta = agent(60, "李雷", AgentState.PAUSED, "lunch");

        assertThat(delta.getFirst().getJsonObject("agent").getString("since")).isEqualTo(T0.plusSeconds(60).toString());
        assertThat(board.snapshot().getJsonObject("agentsByState").getLong("paused")).isEqualTo(1);
        assertThat(board.snapshot().getJsonArray("agents").getJsonObject(0).getString("reason")).isEqualTo("lunch");

        agent(90, "李雷", AgentState.LOGGED_OUT, "");
        assertThat(board.snapshot().getJsonArray("agents")).isEmpty();
    }

    List<JsonObject> domain(DeskEventType type, long aggregate, int secondsAfterT0, Map<String, Object> payload) {
        return at(secondsAfterT0, t -> DeskEvent.of(type, type.name().startsWith("CALLBACK") ? "callback" : "record", aggregate, t, payload));
    }

    @Test
    void callbacksAndSlaClocksAreCountedFromTheStartingStateAndTheDomainEvents() {
        board.load(java.util.Map.of(1L, T0.minusSeconds(60)), java.util.Set.of(new org.hotline.desk.reports.OpenWork.Clock(7, "first-contact")), java.util.Set.of());
        JsonObject work = board.snapshot().getJsonObject("work");
        assertThat(work.getJsonObject("callbacks").getLong("overdue")).isEqualTo(1);
        assertThat(work.getJsonObject("slaClocks").getLong("atRisk")).isEqualTo(1);

        domain(DeskEventType.CALLBACK_SCHEDULED, 2, 0, Map.of("dueAt", T0.plusSeconds(300).toString()));
        domain(DeskEventType.CALLBACK_SCHEDULED, 3, 0, Map.of("dueAt", T0.plus(Duration.ofHours(2)).toString()));
        List<JsonObject> delta = domain(DeskEventType.CALLBACK_COMPLETED, 1, 10, Map.of("outcome", "answered"));
        JsonObject callbacks = delta.getFirst().getJsonObject("work").getJsonObject("callbacks");
        assertThat(callbacks.getLong("pending")).isEqualTo(2);
        assertThat(callbacks.getLong("dueNext15Minutes")).isEqualTo(1);
        assertThat(callbacks.getLong("overdue")).isZero();
        assertThat(callbacks.getLong("doneToday")).isEqualTo(1);
        assertThat(callbacks.getLong("doneOnTimeToday")).as("70 s after it fell due").isEqualTo(1);

        domain(DeskEventType.CALLBACK_RETRY_SCHEDULED, 2, 20, Map.of("retryAt", T0.plus(Duration.ofMinutes(40)).toString()));
        domain(DeskEventType.CALLBACK_FAILED, 3, 30, Map.of());
        callbacks = board.snapshot().getJsonObject("work").getJsonObject("callbacks");
        assertThat(callbacks.getLong("pending")).isEqualTo(1);
        assertThat(callbacks.getLong("dueNext15Minutes")).isZero();
        assertThat(callbacks.getLong("failedToday")).isEqualTo(1);

        domain(DeskEventType.SLA_BREACHED, 7, 40, Map.of("milestone", "first-contact"));
        domain(DeskEventType.SLA_AT_RISK, 8, 40, Map.of("milestone", "dispatch"));
        JsonObject clocks = board.snapshot().getJsonObject("work").getJsonObject("slaClocks");
        assertThat(clocks.getLong("breached")).isEqualTo(1);
        assertThat(clocks.getLong("atRisk")).isEqualTo(1);
        domain(DeskEventType.SLA_MET, 8, 50, Map.of("milestone", "dispatch"));
        assertThat(board.snapshot().getJsonObject("work").getJsonObject("slaClocks").getLong("atRisk")).isZero();

        // two clocks of one record breached: two clocks, one record; one met, the record still breached; both, none
        domain(DeskEventType.SLA_BREACHED, 7, 60, Map.of("milestone", "dispatch"));
        domain(DeskEventType.SLA_BREACHED, 7, 60, Map.of("milestone", "dispatch")); // told twice: counted once
        clocks = board.snapshot().getJsonObject("work").getJsonObject("slaClocks");
        assertThat(java.util.List.of(clocks.getLong("breached"), clocks.getLong("recordsBreached"))).containsExactly(2L, 1L);
        domain(DeskEventType.SLA_ENDED, 7, 70, Map.of("milestone", "first-contact"));
        clocks = board.snapshot().getJsonObject("work").getJsonObject("slaClocks");
        assertThat(java.util.List.of(clocks.getLong("breached"), clocks.getLong("recordsBreached"))).containsExactly(1L, 1L);
        domain(DeskEventType.SLA_MISSED, 7, 80, Map.of("milestone", "dispatch"));
        clocks = board.snapshot().getJsonObject("work").getJsonObject("slaClocks");
        assertThat(java.util.List.of(clocks.getLong("breached"), clocks.getLong("recordsBreached"))).containsExactly(0L, 0L);
    }

    @Test
    void escalationsReachTheSupervisorsLive() {
        List<JsonObject> delta = domain(DeskEventType.RECORD_ESCALATED, 42, 5, Map.of("escalationId", 9, "level", "supervisor",
                "trigger", "deadline_breached", "reason", "first-contact deadline missed"));
        assertThat(delta).anySatisfy(d -> {
            assertThat(d.getString("type")).isEqualTo("escalation");
            assertThat(d.getString("change")).isEqualTo("escalated");
            assertThat(d.getLong("recordId")).isEqualTo(42);
            assertThat(d.getJsonObject("escalation").getString("level")).isEqualTo("supervisor");
        });
        assertThat(domain(DeskEventType.ESCALATION_ACKNOWLEDGED, 42, 60, Map.of("escalationId", 9, "level", "supervisor", "by", 7)))
                .anySatisfy(d -> assertThat(d.getString("change")).isEqualTo("acknowledged"));
    }

    @Test
    void aQueueWithItsOwnServiceLevelThresholdIsCountedByIt() {
        board.queues(java.util.Map.of("vip", org.hotline.desk.reports.QueueTargets.defaults("VIP", Duration.ofSeconds(10))));
        joined("v", 0, "vip");
        answered("v", 15, "", 15.0);
        joined("s", 20, "service");
        answered("s", 35, "", 15.0);

        assertThat(queue("vip").getLong("serviceLevelSeconds")).isEqualTo(10);
        assertThat(queue("vip").getJsonObject("today").getDouble("serviceLevelPercent")).as("15 s is over vip's 10 s").isEqualTo(0.0);
        assertThat(queue("service").getLong("serviceLevelSeconds")).isEqualTo(20);
        assertThat(queue("service").getJsonObject("today").getDouble("serviceLevelPercent")).isEqualTo(100.0);
    }

    @Test
    void newTargetsOfAQueueShownGoToTheViewersAndKeepTheThresholdTodayWasCountedWith() {
        board.queues(java.util.Map.of("vip", org.hotline.desk.reports.QueueTargets.defaults("VIP", Duration.ofSeconds(10))));
        joined("v", 0, "vip");
        var stricter = new org.hotline.desk.reports.QueueTargets("贵宾", Duration.ofSeconds(30), 95, 1, 2, Duration.ofSeconds(20),
                Duration.ofSeconds(40));
        List<JsonObject> deltas = board.queues(java.util.Map.of("vip", stricter, "unseen",
                org.hotline.desk.reports.QueueTargets.defaults("Unseen", Duration.ofSeconds(20))));
        assertThat(deltas).as("one delta: the queue shown; none for a queue without a tile").hasSize(1);
        JsonObject tile = deltas.getFirst().getJsonObject("queue");
        assertThat(tile.getString("name")).isEqualTo("贵宾");
        assertThat(tile.getJsonObject("targets").getInteger("serviceLevelPercent")).isEqualTo(95);
        assertThat(tile.getJsonObject("targets").getLong("longestWaitAlarmSeconds")).isEqualTo(40);
        assertThat(tile.getLong("serviceLevelSeconds")).as("the threshold today was counted with").isEqualTo(10);
        assertThat(board.queues(java.util.Map.of("vip", stricter))).as("the same targets again: nothing to tell").isEmpty();
    }
}
