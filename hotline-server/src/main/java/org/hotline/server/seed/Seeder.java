package org.hotline.server.seed;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Adds generated customers with their phones, products, service records and a year of call
 * history, in batches written with PostgreSQL's COPY. Each batch is one transaction that
 * reserves its id ranges while it holds the tables, so seeding can run beside a live server.
 */
public final class Seeder {

    static final int BATCH = 10_000;
    private static final List<String> TABLES = List.of("customer", "customer_phone", "asset", "contact_record", "call");
    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    private final DataSource dataSource;
    private final RandomGenerator random;
    private final People people;
    private final Clock clock;

    public Seeder(DataSource dataSource, long randomSeed, Clock clock) {
        this.dataSource = dataSource;
        this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(randomSeed);
        this.people = new People(random);
        this.clock = clock;
    }

    /** What one run added. */
    public record Result(long customers, long phones, long assets, long records, long calls) {
    }

    /**
     * @param customers how many customers to add
     * @param progress told the number of customers added so far after each batch
     */
    public Result seed(long customers, LongConsumer progress) throws SQLException {
        Catalogue catalogue = Catalogue.ensure(DSL.using(dataSource, SQLDialect.POSTGRES), people, 20);
        Result total = new Result(0, 0, 0, 0, 0);
        for (long done = 0; done < customers; ) {
            int size = (int) Math.min(BATCH, customers - done);
            Result batch = batch(size, catalogue);
            total = new Result(total.customers + batch.customers, total.phones + batch.phones, total.assets + batch.assets,
                    total.records + batch.records, total.calls + batch.calls);
            done += size;
            progress.accept(done);
        }
        return total;
    }

    private Result batch(int size, Catalogue catalogue) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE " + String.join(", ", TABLES) + " IN EXCLUSIVE MODE");
            }
            Ids ids = Ids.reserve(c, TABLES);
            Rows rows = new Rows();
            for (int i = 0; i < size; i++) {
                customer(ids, rows, catalogue);
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy(copy, "customer (id, name, organisation, industry, address, city, zone, distance_km, key_customer, "
                    + "language, customer_since, created_at)", rows.customers);
            copy(copy, "customer_phone (id, customer_id, number, kind, is_primary)", rows.phones);
            copy(copy, "asset (id, customer_id, product_model_id, model, serial_number, quantity, purchased_on, "
                    + "installed_on, warranty_ends_on, proof_of_purchase)", rows.assets);
            copy(copy, "contact_record (id, number, type, status, priority, channel, customer_id, asset_id, phone, "
                    + "contact_name, address, zone, product_model, serial_number, fault_description, warranty_status, "
                    + "charging_class, registered_at, dispatched_at, completed_at, closed_at, created_at, updated_at)", rows.records);
            copy(copy, "call (id, asterisk_server, linkedid, direction, caller_number, called_number, customer_id, queue_id, "
                    + "queue_name, agent_id, record_id, offered_at, queued_at, answered_at, ended_at, wait_seconds, "
                    + "talk_seconds, outcome)", rows.calls);
            ids.release(c);
            c.commit();
            return new Result(rows.customers.rows(), rows.phones.rows(), rows.assets.rows(), rows.records.rows(),
                    rows.calls.rows());
        }
    }

    private void customer(Ids ids, Rows rows, Catalogue catalogue) {
        long customerId = ids.next("customer");
        People.Person person = people.person();
        String city = people.city();
        String zone = people.zone();
        boolean company = random.nextInt(100) < 35;
        LocalDate since = today().minusDays(random.nextInt(5 * 365));
        rows.customers.value(customerId).text(person.name())
                .text(company ? people.organisation(city) : null).text(company ? people.industry() : null)
                .text(people.address(city)).text(city).text(zone).value(5 + random.nextInt(1500))
                .value(random.nextInt(100) < 5).text(person.chinese() ? "zh" : "en").value(since)
                .value(since.atStartOfDay(LOCAL).toOffsetDateTime()).end();

        String mobile = people.mobile(person);
        rows.phones.value(ids.next("customer_phone")).value(customerId).text(mobile).text("mobile").value(true).end();
        if (random.nextInt(100) < 30) {
            boolean landline = random.nextBoolean();
            rows.phones.value(ids.next("customer_phone")).value(customerId)
                    .text(landline ? people.landline() : people.mobile(person)).text(landline ? "landline" : "mobile")
                    .value(false).end();
        }

        int assets = 1 + (random.nextInt(100) < 40 ? 1 : 0) + (random.nextInt(100) < 10 ? 1 : 0);
        long firstAssetId = 0;
        Catalogue.Model firstModel = null;
        String firstSerial = null;
        for (int a = 0; a < assets; a++) {
            long assetId = ids.next("asset");
            Catalogue.Model model = people.pick(Catalogue.MODELS);
            LocalDate bought = since.plusDays(random.nextInt((int) Math.max(1, today().toEpochDay() - since.toEpochDay())));
            String serial = model.code().replace("-", "") + bought.getYear() + people.digits(8);
            rows.assets.value(assetId).value(customerId).value(catalogue.modelId(model)).text(model.code()).text(serial)
                    .value(1).value(bought).value(model.needsInstallation() ? bought.plusDays(1 + random.nextInt(7)) : null)
                    .value(random.nextInt(100) < 80 ? bought.plusMonths(model.warrantyMonths()) : null)
                    .text("INV-" + people.digits(10)).end();
            if (a == 0) {
                firstAssetId = assetId;
                firstModel = model;
                firstSerial = serial;
            }
        }

        long recordId = 0;
        if (random.nextInt(100) < 30) {
            recordId = ids.next("contact_record");
            record(rows, recordId, customerId, person, mobile, zone, firstAssetId, firstModel, firstSerial);
        }

        int calls = random.nextInt(100) < 20 ? 0 : 1 + (int) Math.min(5, -Math.log(1 - random.nextDouble()) * 1.5);
        for (int k = 0; k < calls; k++) {
            call(rows, ids.next("call"), customerId, mobile, k == 0 ? recordId : 0, catalogue);
        }
    }

    private void record(Rows rows, long id, long customerId, People.Person person, String phone, String zone,
                        long assetId, Catalogue.Model model, String serial) {
        String type = switch (random.nextInt(20)) {
            case 0, 1 -> "consultation";
            case 2, 3 -> "maintenance";
            case 4, 5, 6 -> "installation";
            default -> "repair";
        };
        boolean closed = random.nextInt(100) < 85;
        String status = closed ? "closed" : type.equals("consultation") ? "open"
                : people.pick(List.of("registered", "dispatched", "on_site", "done", "return_visit"));
        OffsetDateTime registered = moment(365);
        boolean inWarranty = random.nextInt(100) < 70;
        rows.records.value(id).text("R" + registered.atZoneSameInstant(LOCAL).toLocalDate().toString().replace("-", "") + "-" + id)
                .text(type).text(status).text(random.nextInt(100) < 10 ? "high" : "normal").text("phone")
                .value(customerId).value(assetId).text(phone).text(person.name()).text(null).text(zone)
                .text(model.code()).text(serial)
                .text(type.equals("consultation") ? null : people.pick(List.of("不制冷", "噪音大", "漏水", "无法开机", "遥控失灵",
                        "表面划伤", "部件松动", "显示异常", "需要安装", "定期保养")))
                .text(inWarranty ? "in_warranty" : "out_of_warranty").text(inWarranty ? "free" : "paid")
                .value(registered).value(closed || !status.equals("registered") ? registered.plusMinutes(25) : null)
                .value(closed ? registered.plusHours(20) : null).value(closed ? registered.plusDays(2) : null)
                .value(registered).value(registered).end();
    }

    private void call(Rows rows, long id, long customerId, String mobile, long recordId, Catalogue catalogue) {
        OffsetDateTime offered = moment(365);
        OffsetDateTime queued = offered.plusSeconds(20 + random.nextInt(60)); // time in the IVR
        int roll = random.nextInt(100);
        String outcome = roll < 85 ? "answered" : roll < 95 ? "abandoned" : "callback_requested";
        double wait = Math.round(-Math.log(1 - random.nextDouble()) * 25 * 1000) / 1000.0;
        OffsetDateTime answered = outcome.equals("answered") ? queued.plusNanos((long) (wait * 1e9)) : null;
        double talk = answered == null ? 0 : 45 + random.nextInt(600);
        OffsetDateTime ended = answered != null ? answered.plusSeconds((long) talk) : queued.plusNanos((long) (wait * 1e9));
        String queue = recordId != 0 || random.nextInt(100) < 90 ? "service" : "complaint";
        rows.calls.value(id).text("seed").text(offered.toEpochSecond() + "." + id).text("inbound").text(mobile)
                .text("4008001234").value(customerId).value(catalogue.queueId(queue)).text(queue)
                .value(answered != null ? people.pick(catalogue.agentIds()) : null).value(recordId == 0 ? null : recordId)
                .value(offered).value(queued).value(answered).value(ended).value(wait)
                .value(answered != null ? talk : null).text(outcome).end();
    }

    /** A moment in the last {@code days} days, in opening hours (08:00-20:00 local). */
    private OffsetDateTime moment(int days) {
        LocalDate day = today().minusDays(1 + random.nextInt(days));
        return day.atTime(8, 0).plusSeconds(random.nextInt(12 * 3600)).atZone(LOCAL).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(LOCAL));
    }

    private static void copy(CopyManager copy, String target, CsvRows rows) throws SQLException {
        if (rows.rows() == 0) {
            return;
        }
        try {
            copy.copyIn("COPY " + target + " FROM STDIN (FORMAT csv)", new StringReader(rows.csv()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** The CSV rows of one batch, per table. */
    private static final class Rows {
        final CsvRows customers = new CsvRows();
        final CsvRows phones = new CsvRows();
        final CsvRows assets = new CsvRows();
        final CsvRows records = new CsvRows();
        final CsvRows calls = new CsvRows();
    }

    /**
     * Id ranges for one batch: the next value of each table's identity sequence, taken while the
     * batch holds the tables, and handed back (setval) before it commits.
     */
    private static final class Ids {
        private final Map<String, long[]> next; // table -> {next id}

        private Ids(Map<String, long[]> next) {
            this.next = next;
        }

        static Ids reserve(Connection c, List<String> tables) throws SQLException {
            Map<String, long[]> next = new java.util.HashMap<>();
            try (Statement s = c.createStatement()) {
                for (String table : tables) {
                    try (var rs = s.executeQuery("SELECT nextval(pg_get_serial_sequence('" + table + "', 'id'))")) {
                        rs.next();
                        next.put(table, new long[] {rs.getLong(1)});
                    }
                }
            }
            return new Ids(next);
        }

        long next(String table) {
            return next.get(table)[0]++;
        }

        void release(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                for (Map.Entry<String, long[]> e : next.entrySet()) {
                    s.execute("SELECT setval(pg_get_serial_sequence('" + e.getKey() + "', 'id'), " + e.getValue()[0] + ", false)");
                }
            }
        }
    }
}
