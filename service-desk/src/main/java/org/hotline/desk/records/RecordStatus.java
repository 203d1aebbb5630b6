package org.hotline.desk.records;

import java.util.Locale;

/** Every status a record can be in; which ones a type uses, and in what order, is its {@link Workflow}. */
public enum RecordStatus {
    // repair, installation, maintenance
    REGISTERED, WARRANTY_CHECKED, AWAITING_FEE_CONSENT, FEE_CONSENTED, DISPATCHED, TECHNICIAN_CONTACTED, ON_SITE, DONE,
    RETURN_VISIT,
    // complaint (8 steps)
    RECORDED, VALIDITY_JUDGED, ASSIGNED, INVESTIGATING, SOLUTION_PROPOSED, CUSTOMER_NOTIFIED, RESPONSIBILITY_ASSIGNED,
    IMPROVEMENT,
    // consultation, suggestion, return / exchange
    OPEN, ANSWERED, APPROVED, REJECTED, GOODS_RECEIVED,
    // every type
    CLOSED, CANCELLED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordStatus fromDb(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == CLOSED || this == CANCELLED;
    }
}
