package org.hotline.desk.records;

import java.util.Optional;

/**
 * What an agent corrects on a record after it was made: its summary, the fault as the customer
 * describes it, the address, the zone and the distance from the service centre (which choose its
 * on-site clocks); each only when given. {@code expectedVersion}, when given, is the
 * version the agent saw: an edit of a record changed since is refused, not silently merged.
 */
public record RecordEdit(Optional<String> summary, Optional<String> faultDescription, Optional<String> address,
                         Optional<String> zone, Optional<Integer> distanceKm, Optional<Integer> expectedVersion) {

    public RecordEdit(Optional<String> summary, Optional<String> faultDescription, Optional<String> address,
                      Optional<Integer> expectedVersion) {
        this(summary, faultDescription, address, Optional.empty(), Optional.empty(), expectedVersion);
    }

    public boolean isEmpty() {
        return summary.isEmpty() && faultDescription.isEmpty() && address.isEmpty() && zone.isEmpty() && distanceKm.isEmpty();
    }
}
