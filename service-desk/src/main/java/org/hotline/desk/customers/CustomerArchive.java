package org.hotline.desk.customers;

import org.hotline.desk.warranty.Warranty;
import org.hotline.schema.jooq.tables.records.AssetRecord;
import org.hotline.schema.jooq.tables.records.CustomerRecord;
import org.jooq.DSLContext;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CONTRACT;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;

/** Reads of the customer archive: a customer, their phones, their products with the warranty on a day, their contracts. */
public final class CustomerArchive {

    /** A phone of a customer; {@code primary}: the one to call first. */
    public record Phone(long id, String number, String kind, boolean primary) {
    }

    /** A product of a customer with its warranty on the day asked. */
    public record Product(AssetRecord asset, String warranty) {
    }

    /** A contract of a customer: its terms of warranty and charging. */
    public record Contract(long id, String number, String kind, LocalDate startsOn, Optional<LocalDate> endsOn,
                           Optional<Integer> warrantyMonths, Optional<String> chargingClass) {
    }

    private CustomerArchive() {
    }

    public static Optional<CustomerRecord> customer(DSLContext db, long id) {
        return db.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(id)).fetchOptional();
    }

    public static List<Phone> phones(DSLContext db, long customerId) {
        return db.selectFrom(CUSTOMER_PHONE).where(CUSTOMER_PHONE.CUSTOMER_ID.eq(customerId))
                .orderBy(CUSTOMER_PHONE.IS_PRIMARY.desc(), CUSTOMER_PHONE.ID)
                .fetch(p -> new Phone(p.getId(), p.getNumber(), p.getKind(), p.getIsPrimary()));
    }

    public static List<Product> products(DSLContext db, long customerId, LocalDate today) {
        var assets = db.selectFrom(ASSET).where(ASSET.CUSTOMER_ID.eq(customerId)).orderBy(ASSET.ID.desc()).fetch();
        var warranties = Warranty.statusesOn(db, assets.getValues(ASSET.ID), today);
        return assets.map(a -> new Product(a, warranties.getOrDefault(a.getId(), org.hotline.desk.warranty.WarrantyStatus.UNKNOWN).dbName()));
    }

    public static Optional<Product> product(DSLContext db, long assetId, LocalDate today) {
        return db.selectFrom(ASSET).where(ASSET.ID.eq(assetId)).fetchOptional()
                .map(a -> new Product(a, Warranty.statusOn(db, a.getId(), today).dbName()));
    }

    public static List<Contract> contracts(DSLContext db, long customerId) {
        return db.selectFrom(CONTRACT).where(CONTRACT.CUSTOMER_ID.eq(customerId)).orderBy(CONTRACT.STARTS_ON.desc(), CONTRACT.ID)
                .fetch(c -> new Contract(c.getId(), c.getNumber(), c.getKind(), c.getStartsOn(), Optional.ofNullable(c.getEndsOn()),
                        Optional.ofNullable(c.getWarrantyMonths()), Optional.ofNullable(c.getChargingClass())));
    }
}
