package org.hotline.desk.customers;

import java.util.List;

/** Customers already known by one of the phones or serials of a customer being registered: offered instead of a second one. */
public final class KnownCustomers extends RuntimeException {

    /** One of them: who, and by what they were found. */
    public record Known(long id, String name, String foundBy) {
    }

    private final transient List<Known> known;

    public KnownCustomers(List<Known> known) {
        super(known.size() + " customer(s) already known by these phones or serials: " + known.stream().map(k -> "#" + k.id())
                .toList() + " (register anyway with evenIfKnown)");
        this.known = List.copyOf(known);
    }

    public List<Known> known() {
        return known;
    }
}
