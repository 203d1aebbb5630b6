package org.hotline.desk.customers;

import java.util.Set;

/** A customer's phone number as given (any form the hotline's numbering understands), its kind, whether it is the one to call first. */
public record NewPhone(String number, String kind, boolean primary) {

    public static final Set<String> KINDS = Set.of("mobile", "landline", "work", "fax", "other");

    public NewPhone {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind: one of " + String.join(", ", new java.util.TreeSet<>(KINDS)) + ", not '" + kind + "'");
        }
    }
}
