package org.hotline.api.callbacks;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hotline.api.desk.QueueMembers;
import org.hotline.api.sockets.AgentMessages;
import org.hotline.desk.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owner first, then anyone (issue 13): a callback an agent owns (they promised the customer) is
 * offered to that agent alone until {@code owned_until}, even while another agent of its queue is
 * ready; after it, to any ready agent of the queue.
 */
class OwnerFirstTest {

    @Test
    void theOwnerAloneUntilOwnedUntilThenAnyReadyAgentOfTheQueue() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestDatabase database = TestDatabase.start(); var pool = database.pool("owner", 2)) {
            var db = database.dsl();
            db.execute("INSERT INTO agent (id, username, display_name, interface) VALUES (1, 'li.lei', '李雷', 'PJSIP/1001'), "
                    + "(2, 'han.meimei', '韩梅梅', 'PJSIP/1002'); INSERT INTO queue (id, name, display_name) VALUES (1, 'service', 'Service'); "
                    + "INSERT INTO queue_membership (queue_id, agent_id) VALUES (1, 1), (1, 2)");
            long owned = db.fetchOne("INSERT INTO callback (reason, phone, due_at, queue_id, owner_agent_id, owned_until, status) "
                    + "VALUES ('agent_scheduled', '+8613800138000', now(), 1, 2, now() + interval '1 hour', 'offered') RETURNING id")
                    .get(0, Long.class);
            List<String> offers = new CopyOnWriteArrayList<>();
            AgentMessages inbox = new AgentMessages() {
                public void deliver(long agentId, String type, JsonObject payload) {
                    offers.add(agentId + " " + type + " " + payload.getLong("callbackId"));
                }

                public io.vertx.core.Future<Missed> since(long agentId, long seq) {
                    return io.vertx.core.Future.succeededFuture(new Missed(List.of(), false, 0));
                }

                public io.vertx.core.Future<Long> latest(long agentId) {
                    return io.vertx.core.Future.succeededFuture(0L);
                }

                public Runnable subscribe(long agentId, java.util.function.Consumer<JsonObject> socket) {
                    return () -> { };
                }
            };
            // Li Lei (1) is ready; Han Meimei (2), who owns the callback, is not
            QueueMembers members = new QueueMembers() {
                public CompletionStage<Void> logIn(String agentInterface, String memberName, List<Seat> queues) {
                    return CompletableFuture.completedFuture(null);
                }

                public CompletionStage<Void> pause(String agentInterface, String reason) {
                    return CompletableFuture.completedFuture(null);
                }

                public CompletionStage<Void> ready(String agentInterface) {
                    return CompletableFuture.completedFuture(null);
                }

                public CompletionStage<Void> logOut(String agentInterface, List<String> queues) {
                    return CompletableFuture.completedFuture(null);
                }

                public Optional<String> state(String agentInterface) {
                    return Optional.of(agentInterface.equals("PJSIP/1001") ? "ready" : "paused");
                }
            };
            CallbackDialer dialer = new CallbackDialer(vertx, pool, members, (id, agent, device, number) -> new CompletableFuture<>(),
                    inbox, Duration.ofMinutes(10), "86", ZoneId.of("Asia/Shanghai"), null);

            dialer.due(due(owned, Instant.now().plus(Duration.ofHours(1))));
            awaitTrue(() -> dialer.waitsForAnAgent(owned));
            assertThat(offers).as("Li Lei is ready, but the callback is Han Meimei's for another hour").isEmpty();

            db.execute("UPDATE callback SET owned_until = now() - interval '1 minute' WHERE id = " + owned);
            dialer.due(due(owned, Instant.now().minus(Duration.ofMinutes(1))));
            awaitTrue(() -> !offers.isEmpty());
            assertThat(offers).as("her hour is up: any ready agent of the queue").containsExactly("1 callback_offer " + owned);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static JsonObject due(long id, Instant ownedUntil) {
        return new JsonObject(Map.of("callbackId", id, "phone", "+8613800138000", "queueId", 1L, "ownerAgentId", 2L,
                "ownedUntil", ownedUntil.toString(), "reason", "agent_scheduled"));
    }
}
