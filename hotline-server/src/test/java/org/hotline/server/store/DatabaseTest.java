package org.hotline.server.store;

import org.hotline.server.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL given by a JDBC URL, as a primary with a standby would give it. */
class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aUrlWithSeveralHostsConnectsToTheOneThatIsUpAndWritable() throws Exception {
        int down;
        try (ServerSocket free = new ServerSocket(0)) {
            down = free.getLocalPort(); // nothing listens here once closed: a host that is down
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0)) {
            String url = "jdbc:postgresql://127.0.0.1:" + down + ",127.0.0.1:" + postgres.port() + "/"
                    + EmbeddedPostgresServer.DATABASE + "?targetServerType=primary";
            try (Database database = Database.connect(url, EmbeddedPostgresServer.USER, "", 2, Duration.ofSeconds(10), null)) {
                database.migrate();
                assertThat(database.isReachable(Duration.ofSeconds(5))).isTrue();
                assertThat(database.ownPool("hotline-leases", 1).getConnection().isValid(5)).as("the leases' own pool too").isTrue();
            }
        }
    }
}
