package org.hotline.desk.timers;

import org.hotline.events.DeskEventType;
import com.zaxxer.hikari.HikariDataSource;
import org.hotline.desk.sla.SlaPoliciesReader;
import org.hotline.desk.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.DOMAIN_EVENT;
import static org.hotline.schema.jooq.Tables.ESCALATION;
import static org.hotline.schema.jooq.Tables.SLA_CLOCK;

class TimerSchedulerTest {

    private static final Instant T = Instant.parse("2026-11-23T02:00:00Z");
    private static TestDatabase database;
    private static DSLContext db;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        db = database.dsl();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void clear() {
        database.clear();
    }

    @Test
    void twoSchedulersRacingFireEveryDueItemExactlyOnce() throws Exception {
        insertCallbacks(5_000, T.minusSeconds(60));
        insertClocks(2_000, T.minusSeconds(120), T.minusSeconds(30));
        Clock now = Clock.fixed(T, ZoneOffset.UTC);

        try (HikariDataSource poolA = database.pool("a", 2); HikariDataSource poolB = database.pool("b", 2);
             TimerScheduler a = scheduler("a", poolA, now, 50).start();
             TimerScheduler b = scheduler("b", poolB, now, 50).start()) {
            awaitNothingDue();
            a.close();
            b.close();
            assertThat(a.fired() + b.fired()).as("callbacks + clocks fired by both together").isEqualTo(7_000);
        }

        assertThat(eventsPerAggregate(DeskEventType.CALLBACK_DUE.wireName())).hasSize(5_000).allSatisfy(r -> assertThat(r.value2()).isEqualTo(1));
        assertThat(eventsPerAggregate(DeskEventType.SLA_AT_RISK.wireName())).hasSize(2_000).allSatisfy(r -> assertThat(r.value2()).isEqualTo(1));
        assertThat(eventsPerAggregate(DeskEventType.SLA_BREACHED.wireName())).hasSize(2_000).allSatisfy(r -> assertThat(r.value2()).isEqualTo(1));
        assertThat(db.fetchCount(CALLBACK, CALLBACK.STATUS.eq("offered"))).isEqualTo(5_000);
    }

    @Test
    void aLeaseThatRunsOutIsTakenOverByAnotherScheduler() {
        insertCallbacks(100, T.minusSeconds(60));
        try (HikariDataSource pool = database.pool("lease", 2)) {
            assertThat(scheduler("a", pool, Clock.fixed(T, ZoneOffset.UTC), 40).fireAllDue()).isEqualTo(100);
            // scheduler a dies here, with its 30 s leases held and no callback done
            assertThat(scheduler("b", pool, Clock.fixed(T.plusSeconds(20), ZoneOffset.UTC), 40).fireAllDue()).isZero();
            assertThat(scheduler("b", pool, Clock.fixed(T.plusSeconds(31), ZoneOffset.UTC), 40).fireAllDue()).isEqualTo(100);
        }

        assertThat(db.fetchCount(CALLBACK, CALLBACK.LEASE_OWNER.eq("b"))).isEqualTo(100);
        assertThat(eventsPerAggregate(DeskEventType.CALLBACK_DUE.wireName())).hasSize(100).allSatisfy(r -> assertThat(r.value2()).isEqualTo(2));
        assertThat(db.fetchCount(DOMAIN_EVENT, DOMAIN_EVENT.TYPE.eq(DeskEventType.CALLBACK_DUE.wireName())
                .and(DSL_JSON("reclaimed").eq("true")).and(DSL_JSON("leaseOwner").eq("b")))).isEqualTo(100);
    }

    @Test
    void whatFellDueWhileNoSchedulerRanIsFiredAtStartAndTheRestOnTime() {
        insertCallbacks(30, T.minus(Duration.ofHours(5)));     // due while everything was down
        insertCallbacks(20, T.plus(Duration.ofHours(1)), 1000); // due later
        try (HikariDataSource pool = database.pool("restart", 2)) {
            assertThat(scheduler("n", pool, Clock.fixed(T, ZoneOffset.UTC), 100).fireAllDue()).isEqualTo(30);
            db.update(CALLBACK).set(CALLBACK.STATUS, "done").where(CALLBACK.STATUS.eq("offered")).execute(); // the dialer's work
            assertThat(scheduler("n", pool, Clock.fixed(T.plus(Duration.ofHours(2)), ZoneOffset.UTC), 100).fireAllDue()).isEqualTo(20);
        }
    }

    /** The timers poll ten times a second on every node: a round with nothing due must cost one statement, not a transaction a job. */
    @Test
    void aRoundBeginsATransactionOnlyForTheJobsWithSomethingDue() {
        insertCallbacks(3, T.plus(Duration.ofHours(1)));
        try (HikariDataSource pool = database.pool("probe", 2)) {
            java.util.concurrent.atomic.AtomicInteger borrowed = new java.util.concurrent.atomic.AtomicInteger();
            javax.sql.DataSource counting = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            borrowed.incrementAndGet();
                        }
                        return method.invoke(pool, args);
                    });
            List<FiringJob> jobs = List.of(new DueCallbacks("p", Duration.ofSeconds(30)),
                    new DueSlaClocks(SlaPoliciesReader.read(Path.of("../config/sla-policies.yaml"))),
                    new org.hotline.desk.events.EventRelay(event -> { }));

            assertThat(new TimerScheduler("p", counting, jobs, Clock.fixed(T, ZoneOffset.UTC), Duration.ofMillis(10), 100).fireAllDue())
                    .isZero();
            assertThat(borrowed).as("one statement asks every job").hasValue(1);

            borrowed.set(0);
            assertThat(new TimerScheduler("p", counting, jobs, Clock.fixed(T.plus(Duration.ofHours(2)), ZoneOffset.UTC),
                    Duration.ofMillis(10), 100).fireAllDue()).isEqualTo(3);
            assertThat(borrowed).as("the question, then the callbacks' transaction alone").hasValue(2);

            borrowed.set(0);
            assertThat(db.fetchCount(DOMAIN_EVENT, DOMAIN_EVENT.PUBLISHED_AT.isNull())).isEqualTo(3);
            assertThat(new TimerScheduler("p", counting, jobs, Clock.fixed(T.plus(Duration.ofHours(2)), ZoneOffset.UTC),
                    Duration.ofMillis(10), 100).fireAllDue()).as("the callbacks' events relayed").isEqualTo(3);
            assertThat(borrowed).as("the question, then the relay's transaction alone").hasValue(2);
            assertThat(db.fetchCount(DOMAIN_EVENT, DOMAIN_EVENT.PUBLISHED_AT.isNull())).isZero();
        }
    }

    /**
     * PostgreSQL keeps a generic plan for a statement prepared again and again (the round's
     * question, ten times a second on every node), made without knowing the instant asked about.
     * That plan must walk the indexes: with nothing due, a scan of every clock costs tens of
     * milliseconds a look (measured on 79,000 clocks: 21 ms).
     */
    @Test
    void theRoundsQuestionWalksTheIndexesInThePlanPostgresKeepsForIt() {
        insertClocks(20_000, T.plus(Duration.ofDays(1)), T.plus(Duration.ofDays(2)));
        insertCallbacks(2_000, T.plus(Duration.ofDays(1)));
        db.execute("ANALYZE sla_clock");
        db.execute("ANALYZE callback");
        List<FiringJob> jobs = List.of(new DueCallbacks("p", Duration.ofSeconds(30)),
                new DueSlaClocks(SlaPoliciesReader.read(Path.of("../config/sla-policies.yaml"))),
                new org.hotline.desk.events.EventRelay(event -> { }));
        var question = TimerScheduler.question(jobs, T);
        var numbered = org.jooq.impl.DSL.using(org.jooq.SQLDialect.POSTGRES, new org.jooq.conf.Settings().withRenderNamedParamPrefix("$"));
        String values = question.getBindValues().stream().map(v -> numbered.render(org.jooq.impl.DSL.inline(v)))
                .collect(java.util.stream.Collectors.joining(", "));

        String plan = db.connectionResult(c -> {
            try (var statement = c.createStatement()) {
                statement.execute("SET plan_cache_mode = force_generic_plan");
                statement.execute("PREPARE question AS " + numbered.renderNamedParams(question));
                var rows = statement.executeQuery("EXPLAIN EXECUTE question(" + values + ")");
                StringBuilder text = new StringBuilder();
                while (rows.next()) {
                    text.append(rows.getString(1)).append('\n');
                }
                statement.execute("DEALLOCATE question");
                statement.execute("RESET plan_cache_mode");
                return text.toString();
            }
        });

        assertThat(plan).contains("sla_clock_next_fire").doesNotContain("Seq Scan on sla_clock").doesNotContain("Seq Scan on callback");
    }

    @Test
    void aRoundThatFailsHalfwayFiresNothing() {
        insertCallbacks(10, T.minusSeconds(1));
        FiringJob crashing = new FiringJob() {
            @Override
            public String name() {
                return "crashing";
            }

            @Override
            public org.jooq.Condition anyDue(Instant now) {
                return org.jooq.impl.DSL.trueCondition();
            }

            @Override
            public int fireDue(DSLContext tx, Instant now, int limit) {
                new DueCallbacks("crash", Duration.ofSeconds(30)).fireDue(tx, now, limit);
                throw new IllegalStateException("node lost power");
            }
        };
        try (HikariDataSource pool = database.pool("crash", 2)) {
            assertThatThrownBy(() -> new TimerScheduler("crash", pool, List.of(crashing), Clock.fixed(T, ZoneOffset.UTC),
                    Duration.ofMillis(10), 100).fireAllDue()).hasMessageContaining("node lost power");
            assertThat(db.fetchCount(CALLBACK, CALLBACK.STATUS.eq("pending"))).isEqualTo(10);
            assertThat(db.fetchCount(DOMAIN_EVENT)).isZero();

            assertThat(scheduler("next", pool, Clock.fixed(T, ZoneOffset.UTC), 100).fireAllDue()).isEqualTo(10);
        }
    }

    @Test
    void aCallbackPastItsWindowExpiresInsteadOfBeingOffered() {
        insertCallbacks(3, T.minus(Duration.ofHours(3)));
        db.update(CALLBACK).set(CALLBACK.NOT_AFTER, T.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC)).execute();
        try (HikariDataSource pool = database.pool("window", 2)) {
            scheduler("w", pool, Clock.fixed(T, ZoneOffset.UTC), 100).fireAllDue();
        }
        assertThat(db.fetchCount(CALLBACK, CALLBACK.STATUS.eq("expired").and(CALLBACK.OUTCOME.eq("expired")))).isEqualTo(3);
        assertThat(db.fetchCount(DOMAIN_EVENT, DOMAIN_EVENT.TYPE.eq(DeskEventType.CALLBACK_EXPIRED.wireName()))).isEqualTo(3);
        assertThat(db.fetchCount(DOMAIN_EVENT, DOMAIN_EVENT.TYPE.eq(DeskEventType.CALLBACK_DUE.wireName()))).isZero();
    }

    @Test
    void aBreachedMilestoneThatSaysSoEscalatesTheRecord() {
        insertClocks(1, T.minusSeconds(600), T.minusSeconds(60)); // repair first-contact: escalate-on-breach supervisor
        try (HikariDataSource pool = database.pool("escalate", 2)) {
            scheduler("e", pool, Clock.fixed(T, ZoneOffset.UTC), 100).fireAllDue();
        }
        assertThat(db.fetchCount(ESCALATION, ESCALATION.LEVEL.eq("supervisor").and(ESCALATION.TRIGGER.eq("deadline_breached"))))
                .isEqualTo(1);
        assertThat(db.fetchCount(DOMAIN_EVENT, DOMAIN_EVENT.TYPE.eq(DeskEventType.RECORD_ESCALATED.wireName()))).isEqualTo(1);
        assertThat(db.fetchCount(SLA_CLOCK, SLA_CLOCK.NEXT_FIRE_AT.isNull().and(SLA_CLOCK.BREACHED_AT.isNotNull()))).isEqualTo(1);
    }

    private static org.jooq.Field<String> DSL_JSON(String key) {
        return org.jooq.impl.DSL.field("payload ->> {0}", String.class, org.jooq.impl.DSL.inline(key));
    }

    private static TimerScheduler scheduler(String node, HikariDataSource pool, Clock clock, int batch) {
        return new TimerScheduler(node, pool, List.of(new DueCallbacks(node, Duration.ofSeconds(30)),
                new DueSlaClocks(SlaPoliciesReader.read(Path.of("../config/sla-policies.yaml")))), clock, Duration.ofMillis(10), batch);
    }

    private static List<Record2<Long, Integer>> eventsPerAggregate(String type) {
        return db.select(DOMAIN_EVENT.AGGREGATE_ID, org.jooq.impl.DSL.count()).from(DOMAIN_EVENT)
                .where(DOMAIN_EVENT.TYPE.eq(type)).groupBy(DOMAIN_EVENT.AGGREGATE_ID).fetch();
    }

    private static void insertCallbacks(int n, Instant due) {
        insertCallbacks(n, due, 0);
    }

    private static void insertCallbacks(int n, Instant due, int offset) {
        db.execute("INSERT INTO callback (reason, phone, due_at) SELECT 'ivr_request', '+86139' || lpad((g + {0})::text, 8, '0'), {1} "
                + "FROM generate_series(1, {2}) g", org.jooq.impl.DSL.inline(offset), due.atOffset(ZoneOffset.UTC),
                org.jooq.impl.DSL.inline(n));
    }

    /** n repair records, each with a running first-contact clock at risk at atRisk and due at deadline. */
    private static void insertClocks(int n, Instant atRisk, Instant deadline) {
        // numbers of their own: a record escalated before has a trail, and stays (the trail is append-only)
        String prefix = "T" + System.nanoTime() + "-";
        db.execute("INSERT INTO contact_record (number, type, status) SELECT {1} || g, 'repair', 'registered' "
                + "FROM generate_series(1, {0}) g", org.jooq.impl.DSL.inline(n), org.jooq.impl.DSL.inline(prefix));
        db.execute("INSERT INTO sla_clock (record_id, policy_code, milestone_code, started_at, budget_ms, remaining_ms, "
                + "running_since, deadline_at, breach_at, at_risk_at, next_fire_at) SELECT id, 'repair', 'first-contact', {0}, 1200000, "
                + "1200000, {0}, {1}, {1} + interval '1 millisecond', {2}, {2} FROM contact_record WHERE number LIKE {3}",
                deadline.minus(Duration.ofMinutes(20)).atOffset(ZoneOffset.UTC), deadline.atOffset(ZoneOffset.UTC),
                atRisk.atOffset(ZoneOffset.UTC), org.jooq.impl.DSL.inline(prefix + "%"));
    }

    private static void awaitNothingDue() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            int pending = db.fetchCount(CALLBACK, CALLBACK.STATUS.eq("pending"));
            int clocks = db.fetchCount(SLA_CLOCK, SLA_CLOCK.NEXT_FIRE_AT.isNotNull());
            if (pending == 0 && clocks == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("items still due after 2 minutes");
    }
}
