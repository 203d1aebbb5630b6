package org.hotline.ivr.flow;

import java.util.List;
import java.util.Optional;

/**
 * Creates a contact record of {@code type} for the caller (with the product picked, if any),
 * with its SLA clocks and first-contact callback; sets {@code record.id}, {@code record.number},
 * {@code record.created}. Made once per call even if the flow passes here twice.
 */
public record CreateRecord(String id, int line, Template type, Template priority, Optional<Template> summary, String next)
        implements Node {

    @Override
    public List<String> exits() {
        return List.of(next);
    }
}
