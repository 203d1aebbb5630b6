package org.hotline.events;

import java.util.Arrays;
import java.util.List;

/** Where a callback stands ({@code callback.status}). */
public enum CallbackStatus {
    /** Waiting for its due time. */
    PENDING,
    /** Due, and offered to an agent (leased by a node). */
    OFFERED,
    /** Its call is being placed. */
    DIALING,
    DONE, FAILED, CANCELLED,
    /** Its window closed before it was made. */
    EXPIRED;

    /** Not finished yet: pending, offered or dialing. */
    public static final List<CallbackStatus> OPEN = List.of(PENDING, OFFERED, DIALING);

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CallbackStatus ofDbName(String name) {
        return Arrays.stream(values()).filter(s -> s.dbName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no callback status '" + name + "'"));
    }

    /** The database names of {@code statuses}, for an SQL {@code IN}. */
    public static List<String> dbNames(List<CallbackStatus> statuses) {
        return statuses.stream().map(CallbackStatus::dbName).toList();
    }
}
