package org.hotline.server.seed;

import org.hotline.server.HotlineDatabase;
import org.hotline.server.config.ConfigLoader;
import org.hotline.server.config.HotlineConfig;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CALL;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;

class SeederTest {

    @TempDir
    static Path dataDir;
    private static HotlineDatabase database;
    private static DSLContext db;

    @BeforeAll
    static void start() {
        HotlineConfig config = ConfigLoader.load(Optional.empty(), Map.of("HOTLINE_DATA_DIR", dataDir.toString()));
        database = HotlineDatabase.open(config, null);
        db = DSL.using(database.database().dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void seedsCustomersWithPhonesProductsRecordsAndCalls() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC);
        List<Long> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        long after = maxCustomerId();
        int callsBefore = db.fetchCount(CALL);

        Seeder.Result result = new Seeder(database.database().dataSource(), 7, clock, 2).seed(Seeder.BATCH + 500, progress::add);

        Condition added = CUSTOMER.ID.gt(after);
        assertThat(result.customers()).isEqualTo(Seeder.BATCH + 500);
        assertThat(progress).hasSize(2).isSorted().endsWith((long) Seeder.BATCH + 500);
        assertThat(db.fetchCount(CUSTOMER, added)).isEqualTo(Seeder.BATCH + 500);
        assertThat(result.phones()).isGreaterThan(result.customers());
        assertThat(result.assets()).isGreaterThan(result.customers());
        assertThat(result.records()).isBetween(result.customers() / 5, result.customers() / 2);
        assertThat(result.calls()).isGreaterThan(result.customers());
        assertThat(db.fetchCount(CALL) - callsBefore).isEqualTo((int) result.calls());

        // every customer has one primary mobile; every number is E.164; Chinese mobiles are +86 1xx xxxx xxxx
        var phones = CUSTOMER.join(CUSTOMER_PHONE).on(CUSTOMER_PHONE.CUSTOMER_ID.eq(CUSTOMER.ID));
        assertThat(db.fetchCount(phones, added.and(CUSTOMER_PHONE.IS_PRIMARY.isTrue()))).isEqualTo(Seeder.BATCH + 500);
        assertThat(db.fetchCount(phones, added.and(CUSTOMER_PHONE.NUMBER.notLikeRegex("^\\+[1-9][0-9]{7,14}$")))).isZero();
        assertThat(db.fetchCount(phones, added.and(CUSTOMER.LANGUAGE.eq("zh")).and(CUSTOMER_PHONE.KIND.eq("mobile"))
                .and(CUSTOMER_PHONE.NUMBER.notLikeRegex("^\\+861[3-9][0-9]{9}$")))).isZero();
        // both Chinese and Latin names
        assertThat(db.fetchCount(CUSTOMER, added.and(CUSTOMER.NAME.likeRegex("^[\\u4e00-\\u9fff]{2,4}$")))).isGreaterThan(5000);
        assertThat(db.fetchCount(CUSTOMER, added.and(CUSTOMER.NAME.likeRegex("^[A-Za-zÀ-ž'.]+ [A-Za-zÀ-ž' ]+$")))).isGreaterThan(2000);
        // history lies in the past year; records are about their own customers' products
        assertThat(db.fetchCount(CALL, CALL.OFFERED_AT.gt(clock.instant().atOffset(ZoneOffset.UTC)))).isZero();
        assertThat(db.fetchCount(CONTACT_RECORD.join(ASSET).on(ASSET.ID.eq(CONTACT_RECORD.ASSET_ID)),
                ASSET.CUSTOMER_ID.ne(CONTACT_RECORD.CUSTOMER_ID))).isZero();
        assertThat(db.fetchCount(CALL.join(CONTACT_RECORD).on(CONTACT_RECORD.ID.eq(CALL.RECORD_ID)),
                CALL.CUSTOMER_ID.ne(CONTACT_RECORD.CUSTOMER_ID))).isZero();
    }

    @Test
    void theSameRandomSeedGivesTheSameCustomers() throws Exception {
        long start = maxCustomerId();
        new Seeder(database.database().dataSource(), 99, Clock.systemUTC(), 2).seed(Seeder.BATCH + 50, done -> { });
        long middle = maxCustomerId();
        new Seeder(database.database().dataSource(), 99, Clock.systemUTC(), 1).seed(Seeder.BATCH + 50, done -> { });

        List<String> first = namesWithPhones(start, middle);
        List<String> second = namesWithPhones(middle, maxCustomerId());
        assertThat(first).hasSize(Seeder.BATCH + 50).isEqualTo(second);
    }

    private static long maxCustomerId() {
        return db.select(DSL.coalesce(DSL.max(CUSTOMER.ID), 0L)).from(CUSTOMER).fetchOne().value1();
    }

    /** "name phone" of the customers with ids in (after, upTo], sorted. */
    private static List<String> namesWithPhones(long after, long upTo) {
        return db.select(CUSTOMER.NAME.concat(" ").concat(CUSTOMER_PHONE.NUMBER)).from(CUSTOMER)
                .join(CUSTOMER_PHONE).on(CUSTOMER_PHONE.CUSTOMER_ID.eq(CUSTOMER.ID).and(CUSTOMER_PHONE.IS_PRIMARY.isTrue()))
                .where(CUSTOMER.ID.gt(after).and(CUSTOMER.ID.le(upTo)))
                .orderBy(1).fetch(0, String.class);
    }

    @Test
    void seedingAgainAddsMoreAndLeavesTheIdSequencesRight() throws Exception {
        Seeder seeder = new Seeder(database.database().dataSource(), 11, Clock.systemUTC(), 2);
        seeder.seed(300, done -> { });
        seeder.seed(300, done -> { });

        long id = db.insertInto(CUSTOMER, CUSTOMER.NAME).values("after seeding").returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
        assertThat(id).isGreaterThan(db.select(DSL.max(CUSTOMER.ID)).from(CUSTOMER).where(CUSTOMER.ID.ne(id)).fetchOne().value1());
        assertThat(db.fetchCount(CUSTOMER, CUSTOMER.NAME.eq("after seeding"))).isEqualTo(1);
    }
}
