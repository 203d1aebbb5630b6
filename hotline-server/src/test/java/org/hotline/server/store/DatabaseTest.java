package org.hotline.server.store;

import org.hotline.server.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.sql.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL given by a JDBC URL, as a primary with a standby would give it; the pool's connections. */
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

    @Test
    void aTransactionDoesNotAskPostgresqlForItsIsolationLevel() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0)) {
            PGSimpleDataSource plain = new PGSimpleDataSource();
            plain.setUrl("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + EmbeddedPostgresServer.DATABASE);
            plain.setUser(EmbeddedPostgresServer.USER);
            AtomicInteger asked = new AtomicInteger();
            DataSource counted = counting(plain, asked);

            DSL.using(counted, SQLDialect.POSTGRES).transaction(c -> c.dsl().selectOne().fetch());
            assertThat(asked.get()).as("jOOQ asks a plain connection at each transaction (jOOQ #20135; if not, KnownIsolation can go)")
                    .isPositive();

            asked.set(0);
            DSL.using(new KnownIsolation(counted, Connection.TRANSACTION_READ_COMMITTED), SQLDialect.POSTGRES)
                    .transaction(c -> c.dsl().selectOne().fetch());
            assertThat(asked.get()).as("round trips for the isolation level").isZero();
        }
    }

    @Test
    void aBorrowerThatSetsAnotherLevelIsToldItAndTheNextStartsAtReadCommittedAgain() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0)) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + EmbeddedPostgresServer.DATABASE;
            try (Database database = Database.connect(url, EmbeddedPostgresServer.USER, "", 1, Duration.ofSeconds(10), null)) {
                try (Connection first = database.dataSource().getConnection()) {
                    assertThat(first.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
                    assertThat(serverSays(first)).isEqualTo("read committed");
                    first.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                    assertThat(first.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
                    assertThat(serverSays(first)).isEqualTo("serializable");
                }
                try (Connection next = database.dataSource().getConnection()) { // the same connection: a pool of one
                    assertThat(serverSays(next)).as("the pool put it back").isEqualTo("read committed");
                    assertThat(next.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
                }
            }
        }
    }

    private static String serverSays(Connection connection) throws Exception {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery("SHOW transaction_isolation")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** {@code pool}'s connections, counting how often they are asked their isolation level. */
    private static DataSource counting(PGSimpleDataSource pool, AtomicInteger asked) {
        return new PGSimpleDataSource() {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection connection = pool.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("getTransactionIsolation")) {
                                asked.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}
