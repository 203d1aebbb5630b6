package org.hotline.ivr.services;

import org.hotline.desk.warranty.Warranty;
import org.hotline.desk.warranty.WarrantyStatus;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.QUEUE;

/** The reads behind caller lookup: a number to its customer, their products and open record; queues by name. */
final class CallerDirectory {

    private static final List<String> FINISHED = List.of("closed", "cancelled");

    CallerProfile profile(DSLContext db, String phone) {
        var products = DSL.field(DSL.selectCount().from(ASSET).where(ASSET.CUSTOMER_ID.eq(CUSTOMER.ID)));
        var crisis = DSL.field(DSL.exists(DSL.selectOne().from(CONTACT_RECORD).where(CONTACT_RECORD.CUSTOMER_ID.eq(CUSTOMER.ID)
                .and(CONTACT_RECORD.CRISIS).and(CONTACT_RECORD.STATUS.notIn(FINISHED)))));
        Optional<Record> customer = db.select(CUSTOMER.ID, CUSTOMER.NAME, CUSTOMER.KEY_CUSTOMER, CUSTOMER.ZONE, CUSTOMER.DISTANCE_KM,
                        products, crisis)
                .from(CUSTOMER_PHONE).join(CUSTOMER).on(CUSTOMER.ID.eq(CUSTOMER_PHONE.CUSTOMER_ID))
                .where(CUSTOMER_PHONE.NUMBER.eq(phone))
                .orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc(), CUSTOMER.ID)
                .limit(1).fetchOptional().map(r -> r);
        if (customer.isEmpty()) {
            return CallerProfile.unknown();
        }
        Record c = customer.get();
        long id = c.get(CUSTOMER.ID);
        Optional<CallerProfile.OpenRecord> open = db.select(CONTACT_RECORD.ID, CONTACT_RECORD.NUMBER, CONTACT_RECORD.TYPE, CONTACT_RECORD.STATUS)
                .from(CONTACT_RECORD)
                .where(CONTACT_RECORD.CUSTOMER_ID.eq(id).and(CONTACT_RECORD.STATUS.notIn(FINISHED)))
                .orderBy(CONTACT_RECORD.CREATED_AT.desc()).limit(1)
                .fetchOptional(r -> new CallerProfile.OpenRecord(r.value1(), r.value2(), r.value3(), r.value4()));
        return new CallerProfile(Optional.of(new CallerProfile.Customer(id, c.get(CUSTOMER.NAME), c.get(CUSTOMER.KEY_CUSTOMER),
                c.get(products), Boolean.TRUE.equals(c.get(crisis)), Optional.ofNullable(c.get(CUSTOMER.ZONE)),
                Optional.ofNullable(c.get(CUSTOMER.DISTANCE_KM)))), open);
    }

    List<Product> products(DSLContext db, long customerId, LocalDate today) {
        var assets = db.selectFrom(ASSET).where(ASSET.CUSTOMER_ID.eq(customerId)).orderBy(ASSET.PURCHASED_ON.desc().nullsLast(), ASSET.ID)
                .limit(9).fetch();
        var warranties = Warranty.statusesOn(db, assets.getValues(ASSET.ID), today);
        return assets.map(a -> new Product(a.getId(), a.getCustomerId(), a.getModel(), Optional.ofNullable(a.getSerialNumber()),
                warranties.getOrDefault(a.getId(), WarrantyStatus.UNKNOWN).dbName()));
    }

    Optional<Product> productBySerial(DSLContext db, String serial, LocalDate today) {
        return db.selectFrom(ASSET).where(ASSET.SERIAL_NUMBER.eq(serial)).orderBy(ASSET.ID).limit(1)
                .fetchOptional(a -> new Product(a.getId(), a.getCustomerId(), a.getModel(), Optional.ofNullable(a.getSerialNumber()),
                        Warranty.statusOn(db, a.getId(), today).dbName()));
    }

    Optional<Long> queueId(DSLContext db, String name) {
        return db.select(QUEUE.ID).from(QUEUE).where(QUEUE.NAME.eq(name)).fetchOptional(QUEUE.ID);
    }
}
