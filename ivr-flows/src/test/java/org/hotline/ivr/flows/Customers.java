package org.hotline.ivr.flows;

import org.jooq.DSLContext;

import java.time.LocalDate;

import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.QUEUE;

/** The callers of the flow tests, in the customer archive. */
final class Customers {

    static final String ZHANG_SAN = "13800138000";   // two products, nothing open
    static final String KEY_CUSTOMER = "13900139000"; // 重点客户, no products
    static final String STRANGER = "13700137000";     // not in the archive
    static final String SERIAL_OF_ZHANG_SAN = "88886666";

    long zhangSan;
    long keyCustomer;
    long washer;
    long fridge;

    static Customers create(DSLContext db) {
        Customers c = new Customers();
        db.insertInto(QUEUE, QUEUE.NAME, QUEUE.DISPLAY_NAME, QUEUE.PURPOSE).values("service", "Service", "service")
                .values("complaint", "Complaints", "complaint").onConflictDoNothing().execute();
        c.zhangSan = customer(db, "张三", "+86" + ZHANG_SAN, false);
        c.keyCustomer = customer(db, "Key Account Ltd", "+86" + KEY_CUSTOMER, true);
        c.washer = asset(db, c.zhangSan, "WM-800", SERIAL_OF_ZHANG_SAN, LocalDate.of(2026, 3, 1));
        c.fridge = asset(db, c.zhangSan, "FR-310", "SN20250001234", LocalDate.of(2025, 5, 1));
        return c;
    }

    private static long customer(DSLContext db, String name, String phone, boolean key) {
        long id = db.insertInto(CUSTOMER, CUSTOMER.NAME, CUSTOMER.KEY_CUSTOMER).values(name, key).returning(CUSTOMER.ID).fetchOne(CUSTOMER.ID);
        db.insertInto(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID, CUSTOMER_PHONE.NUMBER, CUSTOMER_PHONE.IS_PRIMARY).values(id, phone, true).execute();
        return id;
    }

    private static long asset(DSLContext db, long customer, String model, String serial, LocalDate purchased) {
        return db.insertInto(ASSET, ASSET.CUSTOMER_ID, ASSET.MODEL, ASSET.SERIAL_NUMBER, ASSET.PURCHASED_ON, ASSET.WARRANTY_ENDS_ON)
                .values(customer, model, serial, purchased, purchased.plusYears(2)).returning(ASSET.ID).fetchOne(ASSET.ID);
    }
}
