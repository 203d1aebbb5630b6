package org.hotline.api.auth;

import java.util.Locale;

/** What a user may do, each role including the ones before it: agent, supervisor, manager, admin. */
public enum Role {
    AGENT, SUPERVISOR, MANAGER, ADMIN;

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromDb(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
