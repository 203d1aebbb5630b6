package org.hotline.desk.sla;

import org.hotline.desk.ServiceDesk;
import org.hotline.desk.ShippedRules;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.settings.DeskSettingsReader;
import org.hotline.desk.testing.CountedStatements;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.writes.Transactions;
import org.hotline.desk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

/** What writing a record's clocks costs the database, and that the rows hold what the clocks do. */
class SlaClockWritesTest {

    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T02:00:00Z");

    private static TestDatabase database;
    private static ServiceDesk desk;
    private static SlaPolicies policies;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        policies = ShippedRules.slaPolicies(Optional.of(Path.of("../config/sla-policies.yaml")));
        desk = new ServiceDesk(database.pool("desk", 2), policies, DeskSettingsReader.read(Path.of("../config/service-desk.yaml")),
                new MutableClock(MONDAY_10));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void theClocksANewRecordStartsAreWrittenInOneBatchAndReadBackAsTheyStarted() {
        long customer = database.dsl().insertInto(CUSTOMER, CUSTOMER.NAME).values("韩梅梅").returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
        long record = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(customer, "+8613800138000"), Actor.ivr()).id();
        database.dsl().deleteFrom(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(record)).execute();

        Map<String, SlaPolicies.Applicable> applicable = policies.milestonesFor(
                new RecordFacts("repair", "normal", Optional.empty(), Optional.empty(), "unknown"));
        List<RecordClocks.Change> started = new RecordClocks(applicable, Map.of()).on("record_created", MONDAY_10);
        assertThat(started).as("the shipped rules start several clocks on a repair").hasSizeGreaterThan(1);

        CountedStatements counted = new CountedStatements(database.pool("counted", 1));
        SlaClockRepository clocks = new SlaClockRepository(policies);
        Transactions.on(counted.dataSource()).transaction(tx -> clocks.save(tx.dsl(), record, applicable, started));

        assertThat(counted.prepared()).as("one statement").hasSize(1);
        assertThat(counted.sent()).as("sent once, every clock in it").hasSize(1);
        Map<String, SlaClock> stored = database.dsl().transactionResult(tx -> clocks.load(tx.dsl(), record));
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(started.stream().map(RecordClocks.Change::milestoneCode).toList());
        for (RecordClocks.Change change : started) {
            SlaClock.Snapshot before = change.clock().snapshot();
            SlaClock.Snapshot after = stored.get(change.milestoneCode()).snapshot();
            assertThat(after).usingRecursiveComparison().isEqualTo(before);
        }
        assertThat(database.dsl().select(SLA_CLOCK.NEXT_FIRE_AT).from(SLA_CLOCK).where(SLA_CLOCK.RECORD_ID.eq(record))
                .fetch(SLA_CLOCK.NEXT_FIRE_AT)).allSatisfy(next -> assertThat(next).isNotNull());
    }
}
