package org.hotline.desk.customers;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A product a customer owns: its model (a catalogue model, or the model's name as written), serial
 * (出厂编号), quantity, purchase and installation dates, the warranty's end when it is stated
 * (otherwise worked out from the model and the contract), the contract, the proof of purchase,
 * where it stands when not at the customer's address.
 */
public record NewAsset(String model, Optional<Long> productModelId, Optional<String> serialNumber, int quantity,
                       Optional<LocalDate> purchasedOn, Optional<LocalDate> installedOn, Optional<LocalDate> warrantyEndsOn,
                       Optional<Long> contractId, Optional<String> proofOfPurchase, Optional<String> address) {

    public NewAsset {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity: at least 1");
        }
        if (purchasedOn.isPresent() && installedOn.isPresent() && installedOn.get().isBefore(purchasedOn.get())) {
            throw new IllegalArgumentException("installedOn: not before purchasedOn");
        }
    }

    public static NewAsset of(String model, String serialNumber) {
        return new NewAsset(model, Optional.empty(), Optional.ofNullable(serialNumber), 1, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
