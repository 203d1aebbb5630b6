package org.hotline.api.callbacks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hotline.api.desk.QueueMembers;
import org.hotline.api.sockets.AgentMessages;
import org.hotline.desk.testing.TestDatabase;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A callback dialer on a real database with two agents of queue 1 ({@code li.lei} 1 on PJSIP/1001,
 * {@code han.meimei} 2 on PJSIP/1002): the agents' states as the test sets them, what the agents
 * are sent and the calls placed, kept as text for assertions.
 */
final class DialerFixture implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final TestDatabase database = TestDatabase.start();
    final com.zaxxer.hikari.HikariDataSource pool = database.pool("dialer", 2);
    /** "1 callback_offer 7", "1 callback_result 7 cancelled": agent, type, callback, outcome. */
    final List<String> sent = new CopyOnWriteArrayList<>();
    /** "7 1": callback, agent. */
    final List<String> placed = new CopyOnWriteArrayList<>();
    volatile Set<String> ready = Set.of("PJSIP/1001");
    final CallbackDialer dialer;

    DialerFixture(Duration preview) {
        database.dsl().execute("INSERT INTO agent (id, username, display_name, interface) VALUES (1, 'li.lei', '李雷', 'PJSIP/1001'), "
                + "(2, 'han.meimei', '韩梅梅', 'PJSIP/1002'); INSERT INTO queue (id, name, display_name) VALUES (1, 'service', 'Service'); "
                + "INSERT INTO queue_membership (queue_id, agent_id) VALUES (1, 1), (1, 2)");
        dialer = new CallbackDialer(vertx, pool, members(), (id, agent, device, number) -> {
            placed.add(id + " " + agent);
            return new CompletableFuture<>();
        }, messages(), preview, "86", ZoneId.of("Asia/Shanghai"), new org.hotline.desk.ServiceDesk(pool,
                org.hotline.desk.ShippedRules.slaPolicies(Optional.empty()), org.hotline.desk.ShippedRules.deskSettings(Optional.empty()),
                java.time.Clock.systemUTC()));
    }

    /** A callback offered by the timers (status offered), in queue 1. */
    long offeredCallback(String sql) {
        return database.dsl().fetchOne("INSERT INTO callback (reason, phone, due_at, queue_id, status" + sql + " RETURNING id")
                .get(0, Long.class);
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    private QueueMembers members() {
        return new QueueMembers() {
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
                return Optional.of(ready.contains(agentInterface) ? "ready" : "paused");
            }
        };
    }

    private AgentMessages messages() {
        return new AgentMessages() {
            public void deliver(long agentId, String type, JsonObject payload) {
                sent.add((agentId + " " + type + " " + payload.getLong("callbackId") + " " + payload.getString("outcome", "")).trim());
            }

            public Future<Missed> since(long agentId, long seq) {
                return Future.succeededFuture(new Missed(List.of(), false, 0));
            }

            public Future<Long> latest(long agentId) {
                return Future.succeededFuture(0L);
            }

            public Runnable subscribe(long agentId, java.util.function.Consumer<String> socket) {
                return () -> { };
            }
        };
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
        pool.close();
        database.close();
    }
}
