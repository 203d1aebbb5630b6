package org.hotline.ivr.services;

import java.util.Optional;

/** One of a customer's products (an asset), with its warranty status today. */
public record Product(long assetId, long customerId, String model, Optional<String> serial, String warranty) {
}
