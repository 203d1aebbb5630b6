package org.hotline.api.wallboard;

import io.vertx.core.json.JsonObject;
import org.hotline.desk.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WallboardTest {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z"); // 10:00 in Shanghai
    final MutableClock clock = new MutableClock(T0);
    final Wallboard board = new Wallboard(ServiceLevel.defaults(), Duration.ofMinutes(15), ZoneId.of("Asia/Shanghai"),
            LocalTime.MIDNIGHT, clock);

    static JsonObject event(String type, String linkedid, Instant at, JsonObject payload) {
        return new JsonObject().put("type", type).put("linkedid", linkedid).put("occurredAt", at.toString()).put("payload", payload);
    }

    List<JsonObject> apply(String type, String linkedid, int secondsAfterT0, JsonObject payload) {
        clock.set(T0.plusSeconds(secondsAfterT0));
        return board.apply(event(type, linkedid, T0.plusSeconds(secondsAfterT0), payload));
    }

    JsonObject queue(String name) {
        return board.snapshot().getJsonArray("queues").stream().map(JsonObject.class::cast)
                .filter(q -> q.getString("queue").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theFiguresFollowTheCallsOneEventAtATime() {
        apply("call.queue_joined", "a", 0, new JsonObject().put("queue", "service"));
        apply("call.queue_joined", "b", 1, new JsonObject().put("queue", "service"));
        List<JsonObject> delta = apply("call.queue_joined", "c", 2, new JsonObject().put("queue", "service"));
        assertThat(delta).singleElement().satisfies(d -> {
            assertThat(d.getString("type")).isEqualTo("queue");
            assertThat(d.getJsonObject("queue").getInteger("waiting")).isEqualTo(3);
            assertThat(d.getJsonObject("queue").getString("oldestWaitingSince")).isEqualTo(T0.toString());
        });

        apply("call.answered", "a", 10, new JsonObject().put("queue", "service").put("waitSeconds", 10));
        apply("call.abandoned", "b", 6, new JsonObject().put("queue", "service").put("waitSeconds", 5));
        apply("call.answered", "c", 32, new JsonObject().put("queue", "service").put("waitSeconds", 30));
        apply("call.agent_completed", "a", 130, new JsonObject().put("talkSeconds", 120));
        apply("call.ended", "a", 131, new JsonObject());

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
        apply("agent.state_changed", "", 0, new JsonObject().put("agentInterface", "PJSIP/1001").put("memberName", "李雷")
                .put("to", "ready"));
        List<JsonObject> delta = apply("agent.state_changed", "", 60, new JsonObject().put("agentInterface", "PJSIP/1001")
                .put("memberName", "李雷").put("to", "paused").put("reason", "lunch"));

        assertThat(delta.getFirst().getJsonObject("agent").getString("since")).isEqualTo(T0.plusSeconds(60).toString());
        assertThat(board.snapshot().getJsonObject("agentsByState").getLong("paused")).isEqualTo(1);
        assertThat(board.snapshot().getJsonArray("agents").getJsonObject(0).getString("reason")).isEqualTo("lunch");

        apply("agent.state_changed", "", 90, new JsonObject().put("agentInterface", "PJSIP/1001").put("to", "logged_out"));
        assertThat(board.snapshot().getJsonArray("agents")).isEmpty();
    }

    List<JsonObject> domain(String type, long aggregate, int secondsAfterT0, JsonObject payload) {
        clock.set(T0.plusSeconds(secondsAfterT0));
        return board.apply(new JsonObject().put("type", type).put("aggregateId", aggregate)
                .put("occurredAt", T0.plusSeconds(secondsAfterT0).toString()).put("payload", payload));
    }

    @Test
    void callbacksAndSlaClocksAreCountedFromTheStartingStateAndTheDomainEvents() {
        board.load(java.util.Map.of(1L, T0.minusSeconds(60)), java.util.Set.of("7:first-contact"), java.util.Set.of());
        JsonObject work = board.snapshot().getJsonObject("work");
        assertThat(work.getJsonObject("callbacks").getLong("overdue")).isEqualTo(1);
        assertThat(work.getJsonObject("slaClocks").getLong("atRisk")).isEqualTo(1);

        domain("callback.scheduled", 2, 0, new JsonObject().put("dueAt", T0.plusSeconds(300).toString()));
        domain("callback.scheduled", 3, 0, new JsonObject().put("dueAt", T0.plus(Duration.ofHours(2)).toString()));
        List<JsonObject> delta = domain("callback.completed", 1, 10, new JsonObject().put("outcome", "answered"));
        JsonObject callbacks = delta.getFirst().getJsonObject("work").getJsonObject("callbacks");
        assertThat(callbacks.getLong("pending")).isEqualTo(2);
        assertThat(callbacks.getLong("dueNext15Minutes")).isEqualTo(1);
        assertThat(callbacks.getLong("overdue")).isZero();
        assertThat(callbacks.getLong("doneToday")).isEqualTo(1);
        assertThat(callbacks.getLong("doneOnTimeToday")).as("70 s after it fell due").isEqualTo(1);

        domain("callback.retry_scheduled", 2, 20, new JsonObject().put("retryAt", T0.plus(Duration.ofMinutes(40)).toString()));
        domain("callback.failed", 3, 30, new JsonObject());
        callbacks = board.snapshot().getJsonObject("work").getJsonObject("callbacks");
        assertThat(callbacks.getLong("pending")).isEqualTo(1);
        assertThat(callbacks.getLong("dueNext15Minutes")).isZero();
        assertThat(callbacks.getLong("failedToday")).isEqualTo(1);

        domain("sla.breached", 7, 40, new JsonObject().put("milestone", "first-contact"));
        domain("sla.at_risk", 8, 40, new JsonObject().put("milestone", "dispatch"));
        JsonObject clocks = board.snapshot().getJsonObject("work").getJsonObject("slaClocks");
        assertThat(clocks.getLong("breached")).isEqualTo(1);
        assertThat(clocks.getLong("atRisk")).isEqualTo(1);
        domain("sla.met", 8, 50, new JsonObject().put("milestone", "dispatch"));
        assertThat(board.snapshot().getJsonObject("work").getJsonObject("slaClocks").getLong("atRisk")).isZero();
    }

    @Test
    void aQueueWithItsOwnServiceLevelThresholdIsCountedByIt() {
        board.serviceLevels(java.util.Map.of("vip", Duration.ofSeconds(10)));
        apply("call.queue_joined", "v", 0, new JsonObject().put("queue", "vip"));
        apply("call.answered", "v", 15, new JsonObject().put("waitSeconds", 15.0));
        apply("call.queue_joined", "s", 20, new JsonObject().put("queue", "service"));
        apply("call.answered", "s", 35, new JsonObject().put("waitSeconds", 15.0));

        assertThat(queue("vip").getLong("serviceLevelSeconds")).isEqualTo(10);
        assertThat(queue("vip").getJsonObject("today").getDouble("serviceLevelPercent")).as("15 s is over vip's 10 s").isEqualTo(0.0);
        assertThat(queue("service").getLong("serviceLevelSeconds")).isEqualTo(20);
        assertThat(queue("service").getJsonObject("today").getDouble("serviceLevelPercent")).isEqualTo(100.0);
    }
}
