package org.hotline.ivr.services;

import java.time.Instant;
import java.util.Optional;

/** A callback the caller asked for in the IVR: the number, why, for which queue, when. */
public record CallbackRequest(String reason, String phone, Optional<Long> customerId, Optional<Long> recordId, String queue,
                              Instant dueAt, Optional<Instant> notAfter, int priority) {
}
