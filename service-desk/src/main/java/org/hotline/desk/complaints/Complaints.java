package org.hotline.desk.complaints;

import org.hotline.desk.records.Actor;
import org.hotline.desk.records.RecordTrail;
import org.hotline.schema.jooq.tables.records.ComplaintRecord;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.hotline.schema.jooq.Tables.COMPLAINT;
import static org.hotline.schema.jooq.Tables.COMPLAINT_ROUND;

/** A complaint's findings as its steps record them: stored on the complaint, each change in the record's trail. */
public final class Complaints {

    /** Records what {@code findings} holds on the complaint of record {@code recordId}; returns the complaint as stored. */
    public ComplaintRecord record(DSLContext tx, long recordId, ComplaintFindings findings, Actor actor, Instant now) {
        ComplaintRecord row = tx.selectFrom(COMPLAINT).where(COMPLAINT.RECORD_ID.eq(recordId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalStateException("record " + recordId + " is not a complaint"));
        Map<String, Object> changed = new LinkedHashMap<>();
        set(changed, "validity", findings.validity(), row.getValidity(), row::setValidity);
        set(changed, "causeClass", findings.causeClass(), row.getCauseClass(), row::setCauseClass);
        set(changed, "concern", findings.concern(), row.getConcern(), row::setConcern);
        set(changed, "severity", findings.severity(), row.getSeverity(), row::setSeverity);
        set(changed, "investigation", findings.investigation(), row.getHandlingProcess(), row::setHandlingProcess);
        set(changed, "proposedFix", findings.proposedFix(), row.getResult(), row::setResult);
        set(changed, "responsibility", findings.responsibility(), row.getResponsibility(), row::setResponsibility);
        set(changed, "rewardPenalty", findings.rewardPenalty(), row.getRewardPenalty(), row::setRewardPenalty);
        set(changed, "improvement", findings.improvement(), row.getImprovement(), row::setImprovement);
        set(changed, "caseOwnerAgentId", findings.caseOwnerAgentId(), row.getCaseOwnerAgentId(), row::setCaseOwnerAgentId);
        if (!changed.isEmpty()) {
            row.update();
            RecordTrail.write(tx, recordId, now, actor, "complaint_findings", null, null, null, changed);
        }
        return row;
    }

    /** One round of the customer's reaction to the handling. */
    public record Round(int round, boolean satisfied, Optional<String> note, Optional<Long> takenBy, Instant at) {
    }

    /** The customer's reactions, round by round. */
    public java.util.List<Round> rounds(DSLContext db, long recordId) {
        return db.selectFrom(COMPLAINT_ROUND).where(COMPLAINT_ROUND.RECORD_ID.eq(recordId)).orderBy(COMPLAINT_ROUND.ROUND)
                .fetch(r -> new Round(r.getRound(), r.getSatisfied(), Optional.ofNullable(r.getNote()),
                        Optional.ofNullable(r.getTakenByAgentId()), r.getTakenAt().toInstant()));
    }

    private static <T> void set(Map<String, Object> changed, String name, Optional<T> value, T stored, Consumer<T> setter) {
        if (value.isPresent() && !value.get().equals(stored)) {
            setter.accept(value.get());
            changed.put(name, value.get());
        }
    }
}
