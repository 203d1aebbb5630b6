package org.hotline.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.schema.jooq.Tables.CALLBACK;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.RECORD_EVENT;

class SchemaTest {

    private static EmbeddedPostgres pg;
    private static MigrateResult migrated;
    private static DSLContext db;

    @BeforeAll
    static void migrate() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        migrated = Migrations.apply(pg.getPostgresDatabase());
        db = DSL.using(pg.getPostgresDatabase(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void migrationsApplyToAnEmptyDatabaseAndAgainAsANoOp() {
        assertThat(migrated.success).isTrue();
        assertThat(migrated.migrationsExecuted).isGreaterThanOrEqualTo(6);
        MigrateResult again = Migrations.apply(pg.getPostgresDatabase());
        assertThat(again.migrationsExecuted).isZero();
        assertThat(again.initialSchemaVersion).isEqualTo(migrated.targetSchemaVersion);
    }

    @Test
    void generatedClassesReadAndWriteTheRealTables() {
        long customerId = db.insertInto(CUSTOMER, CUSTOMER.NAME, CUSTOMER.KEY_CUSTOMER)
                .values("王芳", true).returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
        db.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER)
                .values(customerId, "+8613812345678").execute();

        var found = db.select(CUSTOMER.NAME, CUSTOMER.KEY_CUSTOMER)
                .from(CUSTOMER).join(CUSTOMER_PHONE).on(CUSTOMER_PHONE.CUSTOMER_ID.eq(CUSTOMER.ID))
                .where(CUSTOMER_PHONE.NUMBER.eq("+8613812345678")).fetchOne();
        assertThat(found.value1()).isEqualTo("王芳");
        assertThat(found.value2()).isTrue();
    }

    @Test
    void theAuditTrailRefusesUpdatesAndDeletes() {
        long recordId = newRecord("AUDIT-1");
        long eventId = db.insertInto(RECORD_EVENT, RECORD_EVENT.RECORD_ID, RECORD_EVENT.ACTOR_KIND, RECORD_EVENT.EVENT_TYPE)
                .values(recordId, "system", "created").returning(RECORD_EVENT.ID).fetchOne(RECORD_EVENT.ID);

        assertThatThrownBy(() -> db.update(RECORD_EVENT).set(RECORD_EVENT.REASON, "rewritten")
                .where(RECORD_EVENT.ID.eq(eventId)).execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.deleteFrom(RECORD_EVENT).where(RECORD_EVENT.ID.eq(eventId)).execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.truncate(RECORD_EVENT).cascade().execute())
                .hasMessageContaining("append-only");
        assertThat(db.fetchCount(RECORD_EVENT, RECORD_EVENT.ID.eq(eventId))).isEqualTo(1);
    }

    @Test
    void onlyOneOpenCallbackPerPurpose() {
        OffsetDateTime due = OffsetDateTime.now().plusMinutes(20);
        long record = db.insertInto(CONTACT_RECORD, CONTACT_RECORD.NUMBER, CONTACT_RECORD.TYPE, CONTACT_RECORD.STATUS)
                .values("P-1", "repair", "registered").returning(CONTACT_RECORD.ID).fetchOne(CONTACT_RECORD.ID);
        db.insertInto(CALLBACK, CALLBACK.REASON, CALLBACK.PHONE, CALLBACK.DUE_AT, CALLBACK.RECORD_ID)
                .values("first_contact", "+8613900000002", due, record).execute();
        assertThatThrownBy(() -> db.insertInto(CALLBACK, CALLBACK.REASON, CALLBACK.PHONE, CALLBACK.DUE_AT, CALLBACK.RECORD_ID)
                .values("ivr_request", "+8613900000002", due, record).execute())
                .as("asked for and first contact: one purpose, reaching the customer").hasMessageContaining("callback_one_open_per_record_purpose");
        db.insertInto(CALLBACK, CALLBACK.REASON, CALLBACK.PHONE, CALLBACK.DUE_AT, CALLBACK.RECORD_ID)
                .values("return_visit", "+8613900000002", due, record).execute(); // another purpose of the same record

        insertCallback("+8613900000001", due);
        assertThatThrownBy(() -> insertCallback("+8613900000001", due))
                .hasMessageContaining("callback_one_open_per_phone_queue");

        db.update(CALLBACK).set(CALLBACK.STATUS, "done").where(CALLBACK.PHONE.eq("+8613900000001")).execute();
        insertCallback("+8613900000001", due); // a new one once the earlier is done
        assertThat(db.fetchCount(CALLBACK, CALLBACK.PHONE.eq("+8613900000001"))).isEqualTo(2);
    }

    @Test
    void constraintsRejectValuesOutsideTheDomain() {
        assertThatThrownBy(() -> db.insertInto(CONTACT_RECORD, CONTACT_RECORD.NUMBER, CONTACT_RECORD.TYPE, CONTACT_RECORD.STATUS)
                .values("BAD-1", "teleportation", "registered").execute())
                .hasMessageContaining("contact_record_type_check");
        assertThatThrownBy(() -> db.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER)
                .values(1L, "call me maybe").execute())
                .hasMessageContaining("customer_phone_number_check");
    }

    @Test
    void theHotLookupsHaveIndexes() throws SQLException {
        assertThat(plan("SELECT customer_id FROM customer_phone WHERE number = '+8613812345678'"))
                .contains("customer_phone_number");
        assertThat(plan("SELECT * FROM call WHERE customer_id = 1 ORDER BY offered_at DESC LIMIT 10"))
                .contains("call_customer_recent");
        assertThat(plan("SELECT * FROM contact_record WHERE customer_id = 1 AND status NOT IN ('closed', 'cancelled')"))
                .contains("contact_record_customer_open");
        assertThat(plan("SELECT * FROM callback WHERE status = 'pending' AND due_at <= now() ORDER BY due_at LIMIT 100"))
                .contains("callback_due");
        assertThat(plan("SELECT * FROM sla_clock WHERE state = 'running' AND next_fire_at <= now() ORDER BY next_fire_at LIMIT 100"))
                .contains("sla_clock_next_fire");
    }

    /** The plan PostgreSQL picks when it may not scan whole tables: proves a usable index exists. */
    private static String plan(String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (var rs = s.executeQuery("EXPLAIN " + sql)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private static long newRecord(String number) {
        return db.insertInto(CONTACT_RECORD, CONTACT_RECORD.NUMBER, CONTACT_RECORD.TYPE, CONTACT_RECORD.STATUS)
                .values(number, "repair", "registered").returning(CONTACT_RECORD.ID).fetchOne(CONTACT_RECORD.ID);
    }

    private static void insertCallback(String phone, OffsetDateTime due) {
        db.insertInto(CALLBACK, CALLBACK.REASON, CALLBACK.PHONE, CALLBACK.DUE_AT)
                .values("ivr_request", phone, due).execute();
    }
}
