package org.hotline.server.cluster;

import io.vertx.core.json.JsonObject;
import org.hotline.api.sockets.AgentMessages;
import org.hotline.server.embedded.EmbeddedRedisServer;
import org.hotline.server.store.LiveStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Agents' message numbers across Redis restarts: kept by the embedded Redis; never "nothing missed" after a Redis that lost them. */
class RedisAgentMessagesTest {

    @TempDir
    Path dir;

    private static AgentMessages.Missed since(AgentMessages messages, long seq) throws Exception {
        return messages.since(7, seq).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static long latest(AgentMessages messages) throws Exception {
        return messages.latest(7).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static void deliver(AgentMessages messages, int count) throws Exception {
        long before = latest(messages);
        for (int i = 0; i < count; i++) {
            messages.deliver(7, "note", new JsonObject().put("i", i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> latest(messages) != before && since(messages, 0).messages().size() >= count);
    }

    @Test
    void theNumbersAndTheLastMessagesOutliveARestartOfTheEmbeddedRedis() throws Exception {
        int port;
        long third;
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(dir.resolve("redis.pid"), 0);
             LiveStateStore store = LiveStateStore.connect(redis.uri(), Duration.ofSeconds(2))) {
            port = redis.port();
            RedisAgentMessages messages = new RedisAgentMessages(store, 200);
            deliver(messages, 3);
            third = latest(messages);
            assertThat(since(messages, 0).messages()).extracting(m -> m.getLong("seq")).containsExactly(third - 2, third - 1, third);
            assertThat(since(messages, 0).gap()).as("a new agent's client has missed nothing").isFalse();
        }
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(dir.resolve("redis.pid"), port);
             LiveStateStore store = LiveStateStore.connect(redis.uri(), Duration.ofSeconds(2))) {
            RedisAgentMessages messages = new RedisAgentMessages(store, 200);
            assertThat(latest(messages)).isEqualTo(third);
            messages.deliver(7, "note", new JsonObject());
            await().atMost(Duration.ofSeconds(5)).until(() -> latest(messages) == third + 1);
            AgentMessages.Missed missed = since(messages, third - 1);
            assertThat(missed.messages()).extracting(m -> m.getLong("seq")).containsExactly(third, third + 1);
            assertThat(missed.gap()).isFalse();
        }
    }

    @Test
    void aRedisThatLostItsDataTellsAResumingClientOfAGap() throws Exception {
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(dir.resolve("redis.pid"), 0);
             LiveStateStore store = LiveStateStore.connect(redis.uri(), Duration.ofSeconds(2))) {
            RedisAgentMessages messages = new RedisAgentMessages(store, 200);
            deliver(messages, 3);
            long seen = latest(messages); // the client saw every message so far, then lost its socket

            store.connection().sync().flushall(); // a Redis restarted without its data
            assertThat(since(messages, seen).gap()).as("asked before anything new: the counter went back").isTrue();

            deliver(messages, 2);
            AgentMessages.Missed missed = since(messages, seen);
            assertThat(missed.gap()).as("the numbering began again: what was kept before is gone").isTrue();
            assertThat(missed.messages()).hasSize(2);
            assertThat(missed.messages().getFirst().getLong("seq")).as("numbers only go up").isGreaterThan(seen);
        }
    }

    @Test
    void messagesRedisCouldNotTakeAreToldAsAGapWhenItIsBack() throws Exception {
        int port;
        long seen;
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(dir.resolve("redis.pid"), 0);
        port = redis.port();
        try (LiveStateStore store = LiveStateStore.connect(redis.uri(), Duration.ofSeconds(2))) {
            RedisAgentMessages messages = new RedisAgentMessages(store, 200);
            java.util.List<String> live = new java.util.concurrent.CopyOnWriteArrayList<>();
            messages.subscribe(7, live::add);
            deliver(messages, 2);
            seen = latest(messages);

            redis.close(); // Redis away longer than a command waits for it (2 s here): this message is lost
            messages.deliver(7, "screen_pop", new JsonObject());
            await().atMost(Duration.ofSeconds(30)).until(() -> messages.undelivered() == 1);
            redis = EmbeddedRedisServer.start(dir.resolve("redis.pid"), port);

            await().atMost(Duration.ofSeconds(30)).until(() -> live.stream().anyMatch(text -> text.contains("\"type\":\"gap\"")));
            messages.deliver(7, "note", new JsonObject());
            await().atMost(Duration.ofSeconds(5)).until(() -> latest(messages) == seen + 2);
            AgentMessages.Missed missed = since(messages, seen);
            assertThat(missed.gap()).as("a console resuming after what it saw is told of the lost one").isTrue();
            assertThat(missed.messages()).extracting(m -> m.getLong("seq")).containsExactly(seen + 2);
        } finally {
            redis.close();
        }
    }

    @Test
    void theNodeThatNumbersAMessageHandsItToItsOwnSocketsOnceAndEveryOtherNodeGetsItOnceInOrder() throws Exception {
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(dir.resolve("redis.pid"), 0);
             LiveStateStore store = LiveStateStore.connect(redis.uri(), Duration.ofSeconds(2))) {
            RedisAgentMessages a = new RedisAgentMessages(store, 200);
            RedisAgentMessages b = new RedisAgentMessages(store, 200); // another node: its own subscription
            java.util.List<String> onA = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.List<String> onB = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
            a.subscribe(7, onA::add);
            b.subscribe(7, onB::add);
            var listener = store.pubSub();
            listener.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    published.add(message);
                }
            });
            listener.sync().subscribe("hotline:agent-messages");

            for (int i = 0; i < 3; i++) {
                a.deliver(7, "note", new JsonObject().put("i", i));
            }
            // then one from the other node: Redis hands a subscriber what is published in order, so when
            // A has it, A's own three came back to it before (and were skipped, not handed out twice)
            await().atMost(Duration.ofSeconds(5)).until(() -> onB.size() == 3);
            b.deliver(7, "note", new JsonObject().put("i", 3));
            await().atMost(Duration.ofSeconds(5)).until(() -> onA.size() >= 4 && onB.size() >= 4 && published.size() >= 4);

            for (java.util.List<String> socket : java.util.List.of(onA, onB)) {
                assertThat(socket).extracting(text -> new JsonObject(text).getJsonObject("payload").getInteger("i"))
                        .as("each message once, in order").containsExactly(0, 1, 2, 3);
            }
            assertThat(published).as("each publication names the node whose sockets have it already")
                    .allSatisfy(envelope -> assertThat(envelope.substring(0, envelope.indexOf('\n'))).matches("7 [0-9a-f-]{36}"));
        }
    }
}
