package org.hotline.desk.customers;

import org.hotline.desk.ServiceDesk;
import org.hotline.desk.ShippedRules;
import org.hotline.desk.records.Actor;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.settings.DeskSettingsReader;
import org.hotline.desk.testing.CountedStatements;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

class CustomerCardsTest {

    private static TestDatabase database;
    private static ServiceDesk desk;
    private static MutableClock clock;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
        desk = new ServiceDesk(database.pool("desk", 4), ShippedRules.slaPolicies(Optional.of(Path.of("../config/sla-policies.yaml"))),
                DeskSettingsReader.read(Path.of("../config/service-desk.yaml")), clock);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void theOpenRecordsOfAPopComeWithTheirOwnClocksInTwoQueriesHoweverManyThereAre() {
        long customer = database.dsl().insertInto(CUSTOMER, CUSTOMER.NAME).values("韩梅梅").returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
        List<Long> made = new ArrayList<>();
        for (RecordType type : List.of(RecordType.REPAIR, RecordType.COMPLAINT, RecordType.REPAIR)) {
            made.add(desk.createRecord(NewRecord.of(type).withCustomer(customer, "+8613900139000"), Actor.ivr()).id());
            clock.advance(Duration.ofMinutes(7));
        }
        // a pool of one: the records' clocks are not read while the records' own query still holds its connection
        CountedStatements counting = new CountedStatements(database.pool("counted", 1));
        DSLContext counted = DSL.using(counting.dataSource(), SQLDialect.POSTGRES);

        List<CustomerCards.RecordLine> open = CustomerCards.records(counted, customer, true);

        assertThat(counting.sent()).as("the records, then all their clocks").hasSize(2);
        assertThat(open).extracting(CustomerCards.RecordLine::id).containsExactlyElementsOf(made.reversed());
        for (CustomerCards.RecordLine record : open) {
            var stored = database.dsl().select(SLA_CLOCK.MILESTONE_CODE).from(SLA_CLOCK)
                    .where(SLA_CLOCK.RECORD_ID.eq(record.id()).and(SLA_CLOCK.STATE.in("running", "paused")))
                    .orderBy(SLA_CLOCK.DEADLINE_AT.asc().nullsLast(), SLA_CLOCK.ID).fetch(SLA_CLOCK.MILESTONE_CODE);
            assertThat(stored).as("record %d has running clocks", record.id()).isNotEmpty();
            assertThat(record.clocks()).extracting(CustomerCards.Clock::milestone).as("record %d's own, soonest first", record.id())
                    .containsExactlyElementsOf(stored);
        }
        counting.clear();
        assertThat(CustomerCards.records(counted, customer, false)).hasSize(3).allSatisfy(r -> assertThat(r.clocks()).isEmpty());
        assertThat(counting.sent()).as("recent records need no clocks").hasSize(1);
    }
}
