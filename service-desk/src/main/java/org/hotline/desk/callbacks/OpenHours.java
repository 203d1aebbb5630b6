package org.hotline.desk.callbacks;

import org.hotline.desk.calendar.BusinessCalendar;

import java.time.Instant;
import java.util.Optional;

/**
 * When the callbacks the desk makes itself may fall due ({@code callbacks.open-hours}): while
 * that calendar is open, so that a request left at night is due at the next opening; at any time
 * when no calendar is named.
 */
public final class OpenHours {

    private final Optional<BusinessCalendar> calendar;

    public OpenHours(Optional<BusinessCalendar> calendar) {
        this.calendar = calendar;
    }

    /** The hours the rules name ({@code callbacks.open-hours}), a calendar of the SLA policies. */
    public static OpenHours of(org.hotline.desk.settings.DeskSettings.CallbackRules rules, org.hotline.desk.sla.SlaPolicies policies) {
        return new OpenHours(rules.openHoursCalendar().map(policies::calendar));
    }

    /** {@code due}, or the next opening after it when the hotline is closed then. */
    public Instant dueFrom(Instant due) {
        return calendar.map(c -> c.isOpen(due) ? due : c.nextOpening(due)).orElse(due);
    }
}
