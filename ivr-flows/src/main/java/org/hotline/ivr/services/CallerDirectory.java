package org.hotline.ivr.services;

import org.hotline.desk.warranty.Warranty;
import org.hotline.desk.warranty.WarrantyStatus;
import org.hotline.desk.sql.RenderedStatement;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.hotline.desk.sql.RenderedStatement.param;
import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.QUEUE;

/** The reads behind caller lookup: a number to its customer, their products and open record; queues by name. */
final class CallerDirectory {

    private static final List<String> FINISHED = List.of("closed", "cancelled");

    /** The customer a number belongs to (the one for whom it is the number to call first), with what the flows ask of them. */
    private static final RenderedStatement CUSTOMER_BY_NUMBER = RenderedStatement.of(DSL.select(CUSTOMER.ID, CUSTOMER.NAME,
                    CUSTOMER.KEY_CUSTOMER, CUSTOMER.ZONE, CUSTOMER.DISTANCE_KM,
                    DSL.field(DSL.selectCount().from(ASSET).where(ASSET.CUSTOMER_ID.eq(CUSTOMER.ID))),
                    DSL.field(DSL.exists(DSL.selectOne().from(CONTACT_RECORD).where(CONTACT_RECORD.CUSTOMER_ID.eq(CUSTOMER.ID)
                            .and(CONTACT_RECORD.CRISIS).and(CONTACT_RECORD.STATUS.notIn(FINISHED))))))
            .from(CUSTOMER_PHONE).join(CUSTOMER).on(CUSTOMER.ID.eq(CUSTOMER_PHONE.CUSTOMER_ID))
            .where(CUSTOMER_PHONE.NUMBER.eq(param("phone", CUSTOMER_PHONE.NUMBER)))
            .orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc(), CUSTOMER.ID)
            .limit(1));
    /** A customer's newest record still open. */
    private static final RenderedStatement OPEN_RECORD = RenderedStatement.of(DSL.select(CONTACT_RECORD.ID, CONTACT_RECORD.NUMBER,
                    CONTACT_RECORD.TYPE, CONTACT_RECORD.STATUS)
            .from(CONTACT_RECORD)
            .where(CONTACT_RECORD.CUSTOMER_ID.eq(param("customer", CONTACT_RECORD.CUSTOMER_ID))
                    .and(CONTACT_RECORD.STATUS.notIn(FINISHED)))
            .orderBy(CONTACT_RECORD.CREATED_AT.desc()).limit(1));

    /** Every caller of the IVR is looked up: both statements rendered once. */
    CallerProfile profile(DSLContext db, String phone) {
        Optional<CallerProfile.Customer> customer = CUSTOMER_BY_NUMBER.with("phone", phone).fetch(db, row -> new CallerProfile.Customer(
                row.getLong(1), row.getString(2), row.getBoolean(3), row.getInt(6), row.getBoolean(7), Optional.ofNullable(row.getString(4)),
                Optional.ofNullable(row.getObject(5, Integer.class)))).stream().findFirst();
        if (customer.isEmpty()) {
            return CallerProfile.unknown();
        }
        Optional<CallerProfile.OpenRecord> open = OPEN_RECORD.with("customer", customer.get().id()).fetch(db, row ->
                new CallerProfile.OpenRecord(row.getLong(1), row.getString(2), row.getString(3), row.getString(4))).stream().findFirst();
        return new CallerProfile(customer, open);
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
