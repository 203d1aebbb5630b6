package org.hotline.desk.customers;

import java.time.LocalDate;
import java.util.Optional;

/** What an agent changes on a customer: each field only when given; {@code expectedVersion}: the version they saw. */
public record CustomerEdit(Optional<String> name, Optional<String> organisation, Optional<String> industry, Optional<String> address,
                           Optional<String> city, Optional<String> zone, Optional<Integer> distanceKm, Optional<Boolean> keyCustomer,
                           Optional<LocalDate> customerSince, Optional<String> notes, Optional<Integer> expectedVersion) {
}
