package org.hotline.server.seed;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One batch of generated customers with their phones, products, service records and a year of
 * call history, as rows per table. The same random generator gives the same batch.
 */
final class SeedBatch {

    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    final TableRows customers = new TableRows("customer", "id, name, organisation, industry, address, city, zone, "
            + "distance_km, key_customer, language, customer_since, created_at");
    final TableRows phones = new TableRows("customer_phone", "id, customer_id, number, kind, is_primary");
    final TableRows assets = new TableRows("asset", "id, customer_id, product_model_id, model, serial_number, quantity, "
            + "purchased_on, installed_on, warranty_ends_on, proof_of_purchase");
    final TableRows records = new TableRows("contact_record", "id, number, type, status, priority, channel, customer_id, "
            + "asset_id, phone, contact_name, address, zone, product_model, serial_number, fault_description, "
            + "warranty_status, charging_class, registered_at, dispatched_at, completed_at, closed_at, created_at, updated_at");
    final TableRows calls = new TableRows("call", "id, asterisk_server, linkedid, direction, caller_number, called_number, "
            + "customer_id, queue_id, queue_name, agent_id, record_id, offered_at, queued_at, answered_at, ended_at, "
            + "wait_seconds, talk_seconds, outcome");

    private final RandomGenerator random;
    private final People people;
    private final Catalogue catalogue;
    private final LocalDate today;

    SeedBatch(RandomGenerator random, Catalogue catalogue, Clock clock, int size) {
        this.random = random;
        this.people = new People(random);
        this.catalogue = catalogue;
        this.today = LocalDate.now(clock.withZone(LOCAL));
        for (int i = 0; i < size; i++) {
            customer();
        }
    }

    /** Tables in the order they are written (referenced tables first). */
    List<TableRows> tables() {
        return List.of(customers, phones, assets, records, calls);
    }

    private void customer() {
        People.Person person = people.person();
        String city = people.city();
        String zone = people.zone();
        boolean company = random.nextInt(100) < 35;
        LocalDate since = today.minusDays(random.nextInt(5 * 365));
        TableRows.Ref customer = customers.add(person.name(), company ? people.organisation(city) : null,
                company ? people.industry() : null, people.address(city), city, zone, 5 + random.nextInt(1500),
                random.nextInt(100) < 5, person.chinese() ? "zh" : "en", since, since.atStartOfDay(LOCAL).toOffsetDateTime());

        String mobile = people.mobile(person);
        phones.add(customer, mobile, "mobile", true);
        if (random.nextInt(100) < 30) {
            boolean landline = random.nextBoolean();
            phones.add(customer, landline ? people.landline() : people.mobile(person), landline ? "landline" : "mobile", false);
        }

        int owned = 1 + (random.nextInt(100) < 40 ? 1 : 0) + (random.nextInt(100) < 10 ? 1 : 0);
        Product first = null;
        for (int a = 0; a < owned; a++) {
            Product product = product(customer, since);
            first = first == null ? product : first;
        }

        TableRows.Ref record = random.nextInt(100) < 30 ? record(customer, person, mobile, zone, first) : null;
        int history = random.nextInt(100) < 20 ? 0 : 1 + (int) Math.min(5, -Math.log(1 - random.nextDouble()) * 1.5);
        for (int k = 0; k < history; k++) {
            call(customer, mobile, k == 0 ? record : null);
        }
    }

    private record Product(TableRows.Ref ref, Catalogue.Model model, String serial) {
    }

    private Product product(TableRows.Ref customer, LocalDate since) {
        Catalogue.Model model = people.pick(Catalogue.MODELS);
        LocalDate bought = since.plusDays(random.nextInt((int) Math.max(1, today.toEpochDay() - since.toEpochDay())));
        String serial = model.code().replace("-", "") + bought.getYear() + people.digits(8);
        TableRows.Ref ref = assets.add(customer, catalogue.modelId(model), model.code(), serial, 1, bought,
                model.needsInstallation() ? bought.plusDays(1 + random.nextInt(7)) : null,
                random.nextInt(100) < 80 ? bought.plusMonths(model.warrantyMonths()) : null,
                "INV-" + people.digits(10));
        return new Product(ref, model, serial);
    }

    private TableRows.Ref record(TableRows.Ref customer, People.Person person, String phone, String zone, Product product) {
        String type = switch (random.nextInt(20)) {
            case 0, 1 -> "consultation";
            case 2, 3 -> "maintenance";
            case 4, 5, 6 -> "installation";
            default -> "repair";
        };
        boolean closed = random.nextInt(100) < 85;
        String status = closed ? "closed" : type.equals("consultation") ? "open"
                : people.pick(List.of("registered", "dispatched", "on_site", "done", "return_visit"));
        OffsetDateTime registered = moment();
        boolean inWarranty = random.nextInt(100) < 70;
        var number = new TableRows.OwnId("R" + registered.atZoneSameInstant(LOCAL).toLocalDate().toString().replace("-", "") + "-");
        return records.add(number, type, status, random.nextInt(100) < 10 ? "high" : "normal", "phone",
                customer, product.ref(), phone, person.name(), null, zone, product.model().code(), product.serial(),
                type.equals("consultation") ? null : people.pick(List.of("不制冷", "噪音大", "漏水", "无法开机", "遥控失灵",
                        "表面划伤", "部件松动", "显示异常", "需要安装", "定期保养")),
                inWarranty ? "in_warranty" : "out_of_warranty", inWarranty ? "free" : "paid",
                registered, closed || !status.equals("registered") ? registered.plusMinutes(25) : null,
                closed ? registered.plusHours(20) : null, closed ? registered.plusDays(2) : null, registered, registered);
    }

    private void call(TableRows.Ref customer, String mobile, TableRows.Ref record) {
        OffsetDateTime offered = moment();
        OffsetDateTime queued = offered.plusSeconds(20 + random.nextInt(60)); // time in the IVR
        int roll = random.nextInt(100);
        String outcome = roll < 85 ? "answered" : roll < 95 ? "abandoned" : "callback_requested";
        double wait = Math.round(-Math.log(1 - random.nextDouble()) * 25 * 1000) / 1000.0;
        OffsetDateTime answered = outcome.equals("answered") ? queued.plusNanos((long) (wait * 1e9)) : null;
        double talk = answered == null ? 0 : 45 + random.nextInt(600);
        OffsetDateTime ended = answered != null ? answered.plusSeconds((long) talk) : queued.plusNanos((long) (wait * 1e9));
        String queue = record != null || random.nextInt(100) < 90 ? "service" : "complaint";
        // Asterisk's Linkedid is "<epoch seconds>.<sequence>"; seeded calls are stored under server "seed"
        calls.add("seed", new TableRows.OwnId(offered.toEpochSecond() + "."), "inbound", mobile, "4008001234",
                customer, catalogue.queueId(queue), queue, answered != null ? people.pick(catalogue.agentIds()) : null,
                record, offered, queued, answered, ended, wait, answered != null ? talk : null, outcome);
    }

    /** A moment in the past year, in opening hours (08:00-20:00 local). */
    private OffsetDateTime moment() {
        LocalDate day = today.minusDays(1 + random.nextInt(365));
        return day.atTime(8, 0).plusSeconds(random.nextInt(12 * 3600)).atZone(LOCAL).toOffsetDateTime()
                .withOffsetSameInstant(ZoneOffset.UTC);
    }
}
