package org.hotline.desk.customers;

import java.time.LocalDate;
import java.util.Optional;

/** What an agent changes on a product: each field only when given; {@code expectedVersion}: the version they saw. */
public record AssetEdit(Optional<String> model, Optional<String> serialNumber, Optional<Integer> quantity,
                        Optional<LocalDate> purchasedOn, Optional<LocalDate> installedOn, Optional<LocalDate> warrantyEndsOn,
                        Optional<Long> contractId, Optional<String> proofOfPurchase, Optional<String> address,
                        Optional<Integer> expectedVersion) {

    public AssetEdit {
        if (quantity.isPresent() && quantity.get() < 1) {
            throw new IllegalArgumentException("quantity: at least 1");
        }
    }
}
