package org.hotline.ivr.services;

/** A record the IVR created (or found again under the same idempotency key). */
public record CreatedRecord(long id, String number, String type, String status) {
}
