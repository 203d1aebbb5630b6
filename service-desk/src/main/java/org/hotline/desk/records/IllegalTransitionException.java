package org.hotline.desk.records;

import java.util.Set;
import java.util.stream.Collectors;

/** A record was asked to move where its workflow does not go. */
public final class IllegalTransitionException extends RuntimeException {

    private final RecordStatus from;
    private final RecordStatus to;

    public IllegalTransitionException(String number, RecordType type, RecordStatus from, RecordStatus to, Set<RecordStatus> allowed) {
        super("record " + number + " (" + type.dbName() + ") cannot go from " + from.dbName() + " to " + to.dbName()
                + (allowed.isEmpty() ? "; it is " + from.dbName() + " for good"
                : "; from " + from.dbName() + " it can go to " + allowed.stream().map(RecordStatus::dbName).collect(Collectors.joining(", "))));
        this.from = from;
        this.to = to;
    }

    public RecordStatus from() {
        return from;
    }

    public RecordStatus to() {
        return to;
    }
}
