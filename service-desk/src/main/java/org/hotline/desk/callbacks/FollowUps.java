package org.hotline.desk.callbacks;

import org.hotline.desk.calendar.BusinessCalendar;
import org.hotline.events.CallbackStatus;
import org.hotline.schema.jooq.tables.records.CallbackRecord;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;

/**
 * The periodic follow-ups of an installed product (DOMAIN.md: a call each quarter and a survey
 * each year, from the installation date): the n-th of each is due n periods after the
 * installation, at the next opening of the return-visit calendar, so a late call does not push
 * the next ones back. Each makes the next when it ends, answered or not: a quarter nobody could
 * be reached in is counted as a failed callback, and the next quarter is still called; one
 * cancelled by someone ends its kind. They belong to the product: closing the installation's
 * record does not end them. Their deadline is their callback's due time (late ones escalate by
 * {@code callbacks.escalate-overdue-after}).
 */
public final class FollowUps {

    private final Map<CallbackReason, Duration> every;
    private final BusinessCalendar calendar;
    private final CallbackService callbacks;

    /** {@code every}: how often each kind of follow-up ({@link CallbackReason#PERIODIC_FOLLOW_UP}, {@link CallbackReason#SURVEY}) is made. */
    public FollowUps(Optional<Duration> followUpEvery, Optional<Duration> surveyEvery, BusinessCalendar calendar, CallbackService callbacks) {
        var periods = new java.util.EnumMap<CallbackReason, Duration>(CallbackReason.class);
        followUpEvery.ifPresent(p -> periods.put(CallbackReason.PERIODIC_FOLLOW_UP, p));
        surveyEvery.ifPresent(p -> periods.put(CallbackReason.SURVEY, p));
        this.every = periods;
        this.calendar = calendar;
        this.callbacks = callbacks;
    }

    /** The first of each follow-up of the product installed by record {@code recordId} at {@code installed}. */
    public void start(DSLContext tx, long recordId, String phone, Long customerId, Instant installed) {
        every.forEach((reason, period) -> schedule(tx, reason, recordId, phone, customerId, installed.plus(period)));
    }

    /** When {@code ended} is a follow-up that has ended (done, failed, expired): the next one of its kind. */
    public void next(DSLContext tx, CallbackRecord ended, Instant now) {
        Optional<CallbackReason> reason = Optional.of(CallbackReason.fromDb(ended.getReason())).filter(every::containsKey);
        CallbackStatus status = CallbackStatus.ofDbName(ended.getStatus());
        if (reason.isEmpty() || ended.getRecordId() == null || CallbackStatus.OPEN.contains(status) || status == CallbackStatus.CANCELLED) {
            return;
        }
        Instant installed = tx.select(CONTACT_RECORD.COMPLETED_AT).from(CONTACT_RECORD).where(CONTACT_RECORD.ID.eq(ended.getRecordId()))
                .fetchOptional(CONTACT_RECORD.COMPLETED_AT).map(java.time.OffsetDateTime::toInstant).orElse(null);
        if (installed == null) {
            return;
        }
        Duration period = every.get(reason.get());
        // the n-th is due n periods after the installation; the next is the first after the one that ended
        long n = Math.max(1, Duration.between(installed, ended.getDueAt().toInstant()).dividedBy(period)) + 1;
        Instant due = installed.plus(period.multipliedBy(n));
        while (!calendar.nextOpening(due).isAfter(now)) {
            due = due.plus(period);
        }
        schedule(tx, reason.get(), ended.getRecordId(), ended.getPhone(), ended.getCustomerId(), due);
    }

    private void schedule(DSLContext tx, CallbackReason reason, long recordId, String phone, Long customerId, Instant due) {
        callbacks.scheduleIfDialable(tx, NewCallback.of(reason, phone, calendar.nextOpening(due))
                .forRecord(recordId, Optional.ofNullable(customerId)), Optional.empty());
    }
}
