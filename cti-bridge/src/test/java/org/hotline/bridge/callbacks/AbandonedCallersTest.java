package org.hotline.bridge.callbacks;

import org.hotline.events.CallEvent;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.ShippedRules;
import org.hotline.desk.customers.PhoneNumbers;
import org.hotline.desk.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.CALLBACK;

/** Callers who hang up waiting are called back, even when the database is away a moment; those who get through are not. */
class AbandonedCallersTest {

    @Test
    void aCallerWhoHangsUpIsCalledBackAfterTheDatabaseCameBackAndNotOnceTheyGetThrough() throws Exception {
        try (TestDatabase database = TestDatabase.start(); var pool = database.pool("abandoned", 2)) {
            database.dsl().execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') ON CONFLICT DO NOTHING");
            AtomicInteger refusals = new AtomicInteger(1); // the first connection asked for is refused
            ServiceDesk desk = new ServiceDesk(refusing(pool, refusals), ShippedRules.slaPolicies(Optional.empty()),
                    ShippedRules.deskSettings(Optional.empty()), Clock.systemUTC());
            AbandonedCallers callers = new AbandonedCallers(desk, PhoneNumbers.china());

            callers.accept(joined("1795400000.1"));
            callers.accept(new CallEvent.Abandoned("pbx-a", "1795400000.1", Instant.now(), "service", 45, 1, 45.0));

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!database.dsl().fetchExists(CALLBACK, CALLBACK.PHONE.eq("+8613900139000"))) {
                assertThat(System.nanoTime()).as("the callback within 10 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(refusals.get()).as("the first try was refused").isZero();
            assertThat(database.dsl().fetchValue(CALLBACK.REASON)).isEqualTo("abandoned_call");

            // they call again and an agent answers: the callback is not needed any more
            callers.accept(joined("1795400100.5"));
            callers.accept(new CallEvent.Answered("pbx-a", "1795400100.5", Instant.now(), "PJSIP/1001", "", "service", 3, 1, 3.0));
            callers.close();
            assertThat(database.dsl().fetchValue(CALLBACK.STATUS)).isEqualTo("cancelled");
        }
    }

    /**
     * Found over a simulated fortnight: a caller whose IVR-made record was then answered live was
     * still called back about ten minutes later, about what they had just discussed. The answered
     * call about the record is its first contact: the clock is met and the callback cancelled.
     */
    @Test
    void aCallerAnsweredAboutTheirRecordIsReachedAndNotCalledBackAboutIt() throws Exception {
        try (TestDatabase database = TestDatabase.start(); var pool = database.pool("reached", 2)) {
            AtomicInteger refusals = new AtomicInteger(0);
            ServiceDesk desk = new ServiceDesk(refusing(pool, refusals), ShippedRules.slaPolicies(Optional.empty()),
                    ShippedRules.deskSettings(Optional.empty()), Clock.systemUTC());
            long customer = database.dsl().fetchOne("INSERT INTO customer (name) VALUES ('张三') RETURNING id").get(0, Long.class);
            long record = desk.createRecord(org.hotline.desk.records.NewRecord.of(org.hotline.desk.records.RecordType.REPAIR)
                    .withCustomer(customer, "+8613900139000"), org.hotline.desk.records.Actor.ivr()).id();
            assertThat(database.dsl().fetchValue(CALLBACK.STATUS)).isEqualTo("pending");
            AbandonedCallers callers = new AbandonedCallers(desk, PhoneNumbers.china());
            refusals.set(5); // and the database refuses a while as the call is answered: nothing is lost to it

            callers.accept(new CallEvent.QueueJoined("pbx-a", "1795400200.7", Instant.now(), "service", 1, "13900139000", "",
                    Map.of("HOTLINE_RECORD_ID", String.valueOf(record))));
            callers.accept(new CallEvent.Answered("pbx-a", "1795400200.7", Instant.now(), "PJSIP/1001", "", "service", 3, 1, 3.0));
            callers.close();

            assertThat(refusals.get()).as("the writes were refused first").isZero();
            assertThat(database.dsl().fetchValue(CALLBACK.STATUS)).as("the first-contact callback").isEqualTo("cancelled");
            assertThat(database.dsl().fetchValue("SELECT state FROM sla_clock WHERE record_id = " + record
                    + " AND milestone_code = 'first-contact'")).isEqualTo("met");
            assertThat(database.dsl().fetchValue("SELECT count(*) FROM record_event WHERE record_id = " + record
                    + " AND event_type = 'customer_contacted'")).as("reached once: by its number and by its id it is one call").isEqualTo(1L);
        }
    }

    private static CallEvent joined(String linkedid) {
        return new CallEvent.QueueJoined("pbx-a", linkedid, Instant.now(), "service", 1, "13900139000", "", Map.of());
    }

    /** {@code pool}, refusing a connection while {@code refusals} is above zero. */
    private static DataSource refusing(DataSource pool, AtomicInteger refusals) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new SQLTransientConnectionException("the database is restarting");
                }
                return pool.getConnection();
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }
}
