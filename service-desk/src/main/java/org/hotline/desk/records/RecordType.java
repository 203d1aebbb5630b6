package org.hotline.desk.records;

import java.util.Locale;

/** What a contact becomes (DOMAIN.md, contact types). */
public enum RecordType {
    CONSULTATION, REPAIR, INSTALLATION, MAINTENANCE, RETURN_EXCHANGE, COMPLAINT, SUGGESTION;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordType fromDb(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Types whose completion is followed by a return visit (回访). */
    public boolean hasReturnVisit() {
        return this == REPAIR || this == INSTALLATION || this == MAINTENANCE;
    }
}
