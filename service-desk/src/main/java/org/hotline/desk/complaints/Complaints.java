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
import java.util.function.UnaryOperator;

import static org.hotline.schema.jooq.Tables.COMPLAINT;
import static org.hotline.schema.jooq.Tables.COMPLAINT_ROUND;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;

/**
 * A complaint's findings as its steps record them: stored on the complaint, each change in the
 * record's trail. A complaint judged to be of another type goes to that type's handling
 * department ({@code complaint-routing}).
 */
public final class Complaints {

    private final UnaryOperator<String> departmentFor;

    /** {@code departmentFor}: the department that handles complaints of a type. */
    public Complaints(UnaryOperator<String> departmentFor) {
        this.departmentFor = departmentFor;
    }

    /** Records what {@code findings} holds on the complaint of record {@code recordId}; returns the complaint as stored. */
    public ComplaintRecord record(DSLContext tx, long recordId, ComplaintFindings findings, Actor actor, Instant now) {
        ComplaintRecord row = tx.selectFrom(COMPLAINT).where(COMPLAINT.RECORD_ID.eq(recordId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalStateException("record " + recordId + " is not a complaint"));
        Map<String, Object> changed = new LinkedHashMap<>();
        set(changed, "validity", findings.validity(), row.getValidity(), row::setValidity);
        set(changed, "complaintType", findings.complaintType(), row.getComplaintType(), row::setComplaintType);
        set(changed, "causeClass", findings.causeClass(), row.getCauseClass(), row::setCauseClass);
        set(changed, "concern", findings.concern(), row.getConcern(), row::setConcern);
        set(changed, "severity", findings.severity(), row.getSeverity(), row::setSeverity);
        set(changed, "investigation", findings.investigation(), row.getHandlingProcess(), row::setHandlingProcess);
        set(changed, "proposedFix", findings.proposedFix(), row.getResult(), row::setResult);
        set(changed, "responsibility", findings.responsibility(), row.getResponsibility(), row::setResponsibility);
        set(changed, "rewardPenalty", findings.rewardPenalty(), row.getRewardPenalty(), row::setRewardPenalty);
        set(changed, "improvement", findings.improvement(), row.getImprovement(), row::setImprovement);
        set(changed, "caseOwnerAgentId", findings.caseOwnerAgentId(), row.getCaseOwnerAgentId(), row::setCaseOwnerAgentId);
        if (changed.containsKey("complaintType")) {
            String department = departmentFor.apply(row.getComplaintType());
            tx.update(CONTACT_RECORD).set(CONTACT_RECORD.HANDLER_DEPARTMENT, department).where(CONTACT_RECORD.ID.eq(recordId)).execute();
            changed.put("handlerDepartment", department);
        }
        if (!changed.isEmpty()) {
            row.update();
            RecordTrail.write(tx, recordId, now, actor, "complaint_findings", null, null, null, changed);
        }
        return row;
    }

    /** One round of the customer's reaction to the handling. */
    public record Round(int round, boolean satisfied, Optional<String> note, Optional<Long> takenBy, Instant at) {
    }

    /** The complaint of record {@code recordId} with its handling department; empty when the record is no complaint. */
    public java.util.Optional<Complaint> complaint(DSLContext db, long recordId) {
        return db.select(COMPLAINT.asterisk(), CONTACT_RECORD.HANDLER_DEPARTMENT).from(COMPLAINT).join(CONTACT_RECORD)
                .on(CONTACT_RECORD.ID.eq(COMPLAINT.RECORD_ID)).where(COMPLAINT.RECORD_ID.eq(recordId))
                .fetchOptional(r -> new Complaint(r.into(COMPLAINT), Optional.ofNullable(r.get(CONTACT_RECORD.HANDLER_DEPARTMENT)),
                        rounds(db, recordId)));
    }

    /** A complaint as its steps left it: what they found, the department handling it, the customer's reactions. */
    public record Complaint(ComplaintRecord findings, Optional<String> handlerDepartment, java.util.List<Round> rounds) {
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
