package org.hotline.desk.escalations;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Who an escalation goes to, in the order it climbs: the supervisor, the after-sales manager, company leadership. */
public enum EscalationLevel {
    SUPERVISOR, MANAGER, LEADERSHIP;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static EscalationLevel ofDbName(String name) {
        return Arrays.stream(values()).filter(l -> l.dbName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no escalation level '" + name + "'"));
    }

    /**
     * The roles told of an escalation at this level, each role including the ones above it: a
     * supervisor's escalation reaches supervisors and managers; a manager's, and leadership's
     * (which managers carry to the company's leadership), managers.
     */
    public List<String> toldRoles() {
        return this == SUPERVISOR ? List.of("supervisor", "manager", "admin") : List.of("manager", "admin");
    }

    /** The level it climbs to when nobody acknowledges it; none above leadership. */
    public Optional<EscalationLevel> next() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }
}
