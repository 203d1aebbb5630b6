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
        var row = db.select(ASSET.WARRANTY_ENDS_ON, ASSET.PURCHASED_ON, ASSET.INSTALLED_ON, CONTRACT.WARRANTY_MONTHS,
                        CONTRACT.ENDS_ON, PRODUCT_MODEL.DEFAULT_WARRANTY_MONTHS)
                .from(ASSET)
                .leftJoin(CONTRACT).on(CONTRACT.ID.eq(ASSET.CONTRACT_ID))
                .leftJoin(PRODUCT_MODEL).on(PRODUCT_MODEL.ID.eq(ASSET.PRODUCT_MODEL_ID))
                .where(ASSET.ID.eq(assetId)).fetchOptional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        var r = row.get();
        if (r.value1() != null) {
            return Optional.of(r.value1());
        }
        LocalDate from = r.value3() != null ? r.value3() : r.value2();
        Integer months = r.value4() != null ? r.value4() : r.value6();
        if (from == null || months == null) {
            return Optional.ofNullable(r.value5()); // a service contract's own end, if any
        }
        return Optional.of(from.plusMonths(months).minusDays(1));
    }

    public static WarrantyStatus statusOn(DSLContext db, long assetId, LocalDate day) {
        return endOf(db, assetId).map(end -> day.isAfter(end) ? WarrantyStatus.OUT_OF_WARRANTY : WarrantyStatus.IN_WARRANTY)
                .orElse(WarrantyStatus.UNKNOWN);
    }
}
