package org.hotline.server.store;

import org.hotline.server.embedded.EmbeddedRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisSentinel;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis given by URI, as a highly available setup would give it. */
class LiveStateStoreTest {

    @TempDir
    Path dir;

    @Test
    void aSentinelUriReachesTheMasterTheSentinelsName() throws Exception {
        try (EmbeddedRedisServer master = EmbeddedRedisServer.start(dir.resolve("redis.pid"), 0)) {
            int sentinelPort;
            try (ServerSocket free = new ServerSocket(0)) {
                sentinelPort = free.getLocalPort();
            }
            RedisSentinel sentinel = RedisSentinel.newRedisSentinel().bind("127.0.0.1").port(sentinelPort)
                    .masterPort(master.port()).masterName("hotline").quorumSize(1).build();
            sentinel.start();
            try (LiveStateStore store = LiveStateStore.connect("redis-sentinel://127.0.0.1:" + sentinelPort + "#hotline",
                    Duration.ofSeconds(5))) {
                assertThat(store.ping().toCompletableFuture().get(5, TimeUnit.SECONDS)).isTrue();
                store.connection().sync().set("hotline:probe", "through the sentinel");
                var pubSub = store.pubSub(); // subscriptions go to the master the sentinel names too
                pubSub.sync().subscribe("hotline:probe");
            }
            var client = io.lettuce.core.RedisClient.create(master.uri());
            try (var direct = client.connect()) {
                assertThat(direct.sync().get("hotline:probe")).isEqualTo("through the sentinel");
            } finally {
                client.shutdown();
                sentinel.stop();
            }
        }
    }
}
