package org.hotline.ivr.services;

import java.util.Optional;

/** A record the IVR creates: the type, for whom, about which product, how urgent; {@code idempotencyKey} makes a retry harmless. */
public record RecordRequest(String type, String priority, Optional<Long> customerId, Optional<Long> assetId, String phone,
                            Optional<String> summary, Optional<Long> ivrSessionId, String idempotencyKey) {
}
