package org.hotline.desk.warranty;

import org.jooq.DSLContext;

import java.time.LocalDate;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CONTRACT;
import static org.hotline.schema.jooq.Tables.PRODUCT_MODEL;

/**
 * A product's warranty, worked out rather than typed in: the warranty end stated on the product
 * if there is one; else the contract's warranty months, else the model's, counted from the
 * installation date (or the purchase date when not installed). No dates known: unknown.
 */
public final class Warranty {

    private Warranty() {
    }

    /** The last day of cover, if it can be known. */
    public static Optional<LocalDate> endOf(DSLContext db, long assetId) {
        return facts(db, java.util.List.of(assetId)).stream().findFirst().flatMap(Warranty::end);
    }

    public static WarrantyStatus statusOn(DSLContext db, long assetId, LocalDate day) {
        return statusesOn(db, java.util.List.of(assetId), day).getOrDefault(assetId, WarrantyStatus.UNKNOWN);
    }

    /** The status on {@code day} of each of {@code assetIds} found, read in one query (a customer's products at once). */
    public static java.util.Map<Long, WarrantyStatus> statusesOn(DSLContext db, java.util.Collection<Long> assetIds, LocalDate day) {
        java.util.Map<Long, WarrantyStatus> statuses = new java.util.HashMap<>();
        for (var facts : facts(db, assetIds)) {
            statuses.put(facts.value1(), end(facts).map(end -> day.isAfter(end) ? WarrantyStatus.OUT_OF_WARRANTY
                    : WarrantyStatus.IN_WARRANTY).orElse(WarrantyStatus.UNKNOWN));
        }
        return statuses;
    }

    private static org.jooq.Result<org.jooq.Record7<Long, LocalDate, LocalDate, LocalDate, Integer, LocalDate, Integer>> facts(
            DSLContext db, java.util.Collection<Long> assetIds) {
        if (assetIds.isEmpty()) {
            return db.newResult(ASSET.ID, ASSET.WARRANTY_ENDS_ON, ASSET.PURCHASED_ON, ASSET.INSTALLED_ON, CONTRACT.WARRANTY_MONTHS,
                    CONTRACT.ENDS_ON, PRODUCT_MODEL.DEFAULT_WARRANTY_MONTHS);
        }
        return db.select(ASSET.ID, ASSET.WARRANTY_ENDS_ON, ASSET.PURCHASED_ON, ASSET.INSTALLED_ON, CONTRACT.WARRANTY_MONTHS,
                        CONTRACT.ENDS_ON, PRODUCT_MODEL.DEFAULT_WARRANTY_MONTHS)
                .from(ASSET)
                .leftJoin(CONTRACT).on(CONTRACT.ID.eq(ASSET.CONTRACT_ID))
                .leftJoin(PRODUCT_MODEL).on(PRODUCT_MODEL.ID.eq(ASSET.PRODUCT_MODEL_ID))
                .where(ASSET.ID.in(assetIds)).fetch();
    }

    /** The stated end; else the contract's months, else the model's, from installation (or purchase); else the contract's end. */
    private static Optional<LocalDate> end(org.jooq.Record7<Long, LocalDate, LocalDate, LocalDate, Integer, LocalDate, Integer> r) {
        if (r.value2() != null) {
            return Optional.of(r.value2());
        }
        LocalDate from = r.value4() != null ? r.value4() : r.value3();
        Integer months = r.value5() != null ? r.value5() : r.value7();
        if (from == null || months == null) {
            return Optional.ofNullable(r.value6()); // a service contract's own end, if any
        }
        return Optional.of(from.plusMonths(months).minusDays(1));
    }
}
