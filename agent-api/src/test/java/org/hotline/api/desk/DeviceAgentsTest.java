package org.hotline.api.desk;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.AGENT;

/** Whose device rings: kept a minute, read again after; a reading the database cannot renew is used as it is. */
class DeviceAgentsTest {

    TestDatabase database;
    HikariDataSource pool;
    Vertx vertx;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T02:00:00Z"));

    @BeforeEach
    void start() {
        database = TestDatabase.start();
        pool = database.pool("devices", 1, Duration.ofSeconds(5));
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
        pool.close();
        database.close();
    }

    @Test
    void aMinuteOldReadingIsUsedWhenTheDatabaseCannotRenewItAndRenewedWhenItCan() throws Exception {
        long liLei = database.dsl().insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.INTERFACE)
                .values("li.lei", "李雷", "PJSIP/1001").returning(AGENT.ID).fetchOne(AGENT.ID);
        long hanMeimei = database.dsl().insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME)
                .values("han.meimei", "韩梅梅").returning(AGENT.ID).fetchOne(AGENT.ID);
        DeviceAgents devices = new DeviceAgents(vertx, pool, clock);
        assertThat(agentOf(devices, "PJSIP/1001")).contains(liLei);

        clock.advance(Duration.ofSeconds(61));
        try (Connection held = pool.getConnection()) {
            assertThat(agentOf(devices, "PJSIP/1001")).as("the ring still reaches Li Lei while the pool is taken").contains(liLei);
            // meanwhile the device is given to Han Meimei (another node's pool)
            database.dsl().execute("UPDATE agent SET interface = NULL WHERE id = " + liLei);
            database.dsl().execute("UPDATE agent SET interface = 'PJSIP/1001' WHERE id = " + hanMeimei);
        }
        assertThat(agentOf(devices, "PJSIP/1001")).as("read again once the database answers").contains(hanMeimei);
    }

    private static Optional<Long> agentOf(DeviceAgents devices, String device) throws Exception {
        return devices.agentOf(device).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
