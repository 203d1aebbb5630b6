package org.hotline.desk.records;

import java.util.Optional;

/**
 * What is known when a record is created. {@code idempotencyKey}: the same key given twice
 * (a retried request) yields the one record created the first time.
 */
public record NewRecord(
        RecordType type,
        String channel,
        String priority,
        String urgency,
        Optional<Long> customerId,
        Optional<Long> assetId,
        Optional<String> phone,
        Optional<String> contactName,
        Optional<String> address,
        Optional<String> zone,
        Optional<Integer> distanceKm,
        Optional<String> summary,
        Optional<String> faultDescription,
        boolean crisis,
        Optional<Long> originCallId,
        Optional<String> idempotencyKey,
        Optional<NewComplaint> complaint) {

    /** A record of {@code type} by phone with normal priority and nothing else known yet. */
    public static NewRecord of(RecordType type) {
        return new NewRecord(type, "phone", "normal", "normal", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public NewRecord withCustomer(long customerId, String phone) {
        return new NewRecord(type, channel, priority, urgency, Optional.of(customerId), assetId, Optional.of(phone), contactName,
                address, zone, distanceKm, summary, faultDescription, crisis, originCallId, idempotencyKey, complaint);
    }

    public NewRecord withAsset(long assetId) {
        return new NewRecord(type, channel, priority, urgency, customerId, Optional.of(assetId), phone, contactName,
                address, zone, distanceKm, summary, faultDescription, crisis, originCallId, idempotencyKey, complaint);
    }

    public NewRecord withFault(String description) {
        return new NewRecord(type, channel, priority, urgency, customerId, assetId, phone, contactName,
                address, zone, distanceKm, summary, Optional.of(description), crisis, originCallId, idempotencyKey, complaint);
    }

    public NewRecord withIdempotencyKey(String key) {
        return new NewRecord(type, channel, priority, urgency, customerId, assetId, phone, contactName,
                address, zone, distanceKm, summary, faultDescription, crisis, originCallId, Optional.of(key), complaint);
    }

    public NewRecord withComplaint(NewComplaint details) {
        return new NewRecord(type, channel, priority, urgency, customerId, assetId, phone, contactName,
                address, zone, distanceKm, summary, faultDescription, details.crisisKind().isPresent() || crisis,
                originCallId, idempotencyKey, Optional.of(details));
    }

    public NewRecord withLocation(Optional<String> zone, Optional<Integer> distanceKm) {
        return new NewRecord(type, channel, priority, urgency, customerId, assetId, phone, contactName,
                address, zone, distanceKm, summary, faultDescription, crisis, originCallId, idempotencyKey, complaint);
    }

    /** The same record at this address, zone and distance from the service centre. */
    public NewRecord withPlace(Optional<String> address, Optional<String> zone, Optional<Integer> distanceKm) {
        return new NewRecord(type, channel, priority, urgency, customerId, assetId, phone, contactName,
                address, zone, distanceKm, summary, faultDescription, crisis, originCallId, idempotencyKey, complaint);
    }
}
