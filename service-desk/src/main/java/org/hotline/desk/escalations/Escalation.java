package org.hotline.desk.escalations;

import java.time.Instant;
import java.util.Optional;

/** One escalation of a record, as the people who handle it see it. */
public record Escalation(long id, long recordId, String recordNumber, EscalationLevel level, EscalationTrigger trigger, String reason,
                         Instant raisedAt, Optional<Long> raisedBy, Optional<Instant> acknowledgedAt, Optional<Long> acknowledgedBy,
                         Optional<Instant> resolvedAt, Optional<Long> resolvedBy, Optional<String> resolution,
                         Optional<Instant> climbAt, Optional<Long> climbedFrom) {

    public boolean isOpen() {
        return resolvedAt.isEmpty();
    }
}
