package org.hotline.ivr.services;

import java.util.Optional;

/** What the service desk knows about a caller's number: the customer, if any, and their latest open record. */
public record CallerProfile(Optional<Customer> customer, Optional<OpenRecord> openRecord) {

    public record Customer(long id, String name, boolean keyCustomer, int products, boolean crisis, Optional<String> zone,
                           Optional<Integer> distanceKm) {
    }

    public record OpenRecord(long id, String number, String type, String status) {
    }

    public static CallerProfile unknown() {
        return new CallerProfile(Optional.empty(), Optional.empty());
    }
}
