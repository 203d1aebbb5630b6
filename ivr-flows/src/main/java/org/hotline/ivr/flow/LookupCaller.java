package org.hotline.ivr.flow;

import java.util.List;

/**
 * Looks the caller up by number: sets {@code customer.known}, {@code customer.id},
 * {@code customer.name}, {@code customer.key}, {@code customer.products}, {@code customer.crisis}
 * and, for the latest open record, {@code record.open}, {@code record.id}, {@code record.number},
 * {@code record.status}, {@code record.type}.
 */
public record LookupCaller(String id, int line, String next) implements Node {

    @Override
    public List<String> exits() {
        return List.of(next);
    }
}
