package org.hotline.desk.sla;

import java.util.Optional;

/** What SLA policies are chosen by: the record's type, priority, zone, distance and warranty. */
public record RecordFacts(String recordType, String priority, Optional<String> zone, Optional<Integer> distanceKm,
                          String warrantyStatus) {
}
