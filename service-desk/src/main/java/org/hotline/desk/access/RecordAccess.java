package org.hotline.desk.access;

import org.jooq.DSLContext;

import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;

/**
 * Who may change a record. Every agent may read every record and add notes to it: any agent may
 * answer any customer's call, and the pop shows the caller's records. Changing a record (its
 * steps, corrections, escalations) is for the agent it is assigned to (its handler), or any agent while it is
 * assigned to nobody; supervisors change every record. Anyone else: {@link NotYours}. A record
 * that does not exist is {@code IllegalArgumentException("no record N")} (404).
 */
public final class RecordAccess {

    private RecordAccess() {
    }

    public static void checkChange(DSLContext db, long recordId, Who who) {
        var row = db.select(CONTACT_RECORD.HANDLER_AGENT_ID).from(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(recordId)).fetchOne();
        if (row == null) {
            throw new IllegalArgumentException("no record " + recordId);
        }
        Long assignee = row.value1();
        if (who.supervises() || assignee == null || assignee == who.agentId()) {
            return;
        }
        throw new NotYours("record " + recordId + " is assigned to another agent; ask a supervisor to reassign it");
    }
}
