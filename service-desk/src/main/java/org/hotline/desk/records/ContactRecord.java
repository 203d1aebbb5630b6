package org.hotline.desk.records;

import org.hotline.schema.jooq.tables.records.ContactRecordRecord;

import java.util.Optional;

/** A contact record as the other modules read it. */
public record ContactRecord(long id, String number, RecordType type, RecordStatus status, String priority,
                            Optional<Long> customerId, Optional<String> phone, String warrantyStatus, boolean crisis,
                            Optional<String> handlerDepartment, int version) {

    static ContactRecord of(ContactRecordRecord r) {
        return new ContactRecord(r.getId(), r.getNumber(), RecordType.fromDb(r.getType()), RecordStatus.fromDb(r.getStatus()),
                r.getPriority(), Optional.ofNullable(r.getCustomerId()), Optional.ofNullable(r.getPhone()),
                r.getWarrantyStatus(), r.getCrisis(), Optional.ofNullable(r.getHandlerDepartment()), r.getVersion());
    }
}
