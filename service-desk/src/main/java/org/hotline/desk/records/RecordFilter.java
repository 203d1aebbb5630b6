package org.hotline.desk.records;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which records a list holds: handled by an agent, by a department, in some statuses or types, open
 * only, with a clock at risk or breached, of a customer, created between two instants, and text
 * found in the number, summary or fault. Empty parts do not filter.
 */
public record RecordFilter(Optional<Long> handler, Optional<String> department, List<RecordStatus> statuses, List<RecordType> types,
                           boolean openOnly, boolean atRisk, boolean breached, Optional<Long> customerId,
                           Optional<Instant> createdFrom, Optional<Instant> createdTo, Optional<String> text) {

    public RecordFilter {
        statuses = List.copyOf(statuses);
        types = List.copyOf(types);
    }

    public static RecordFilter all() {
        return new RecordFilter(Optional.empty(), Optional.empty(), List.of(), List.of(), false, false, false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
