package org.hotline.bridge.callbacks;

import org.hotline.events.CallEvent;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.customers.PhoneNumbers;
import org.hotline.desk.writes.WriteQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every call gets an answer or a callback: a caller who hangs up while waiting in a queue is
 * handed to the service desk to be called back ({@link ServiceDesk#callerAbandoned}). Follows the
 * call events of the bridge (on the node that has the AMI link); the database work runs on a
 * {@link WriteQueue}, never on the AMI event thread, in event order, and waits out a database that
 * takes no writes for a while (nothing is lost to it). Callers without a number are not called back.
 * A caller who gets through to an agent (calling again) is not called back for an earlier hang-up,
 * and a caller answered about the record the IVR made or found for them is reached: that record's
 * first contact is met and its first-contact callback cancelled.
 */
public final class AbandonedCallers implements Consumer<CallEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AbandonedCallers.class);
    private final ServiceDesk desk;
    private final PhoneNumbers phones;
    private final WriteQueue work;
    /** The caller's number of each call waiting in a queue, by Asterisk server and linkedid, until the call ends. */
    private final Map<String, String> callers = new ConcurrentHashMap<>();
    /** The record the IVR made or found for each queued call (HOTLINE_RECORD_ID), until the call ends. */
    private final Map<String, Long> records = new ConcurrentHashMap<>();

    public AbandonedCallers(ServiceDesk desk, PhoneNumbers phones) {
        this(desk, phones, new WriteQueue("abandoned-callers", 200_000));
    }

    /** @param work where its writes wait their turn (closed with this) */
    public AbandonedCallers(ServiceDesk desk, PhoneNumbers phones, WriteQueue work) {
        this.desk = desk;
        this.phones = phones;
        this.work = work;
    }

    /** The queue of its writes (for its metrics). */
    public WriteQueue writes() {
        return work;
    }

    @Override
    public void accept(CallEvent event) {
        switch (event) {
            case CallEvent.QueueJoined joined -> {
                if (!joined.callerNumber().isEmpty()) {
                    callers.put(key(event), joined.callerNumber());
                }
                recordOf(joined.variables()).ifPresent(record -> records.put(key(event), record));
            }
            case CallEvent.Abandoned abandoned -> scheduleCallback(abandoned);
            case CallEvent.Answered answered -> {
                cancelCallbacks(answered);
                reached(answered);
            }
            case CallEvent.Ended ended -> {
                callers.remove(key(event));
                records.remove(key(event));
            }
            default -> { }
        }
    }

    private void scheduleCallback(CallEvent.Abandoned event) {
        String number = callers.get(key(event));
        String queue = event.queue();
        Duration waited = Duration.ofMillis(Math.round(1000 * event.waitSeconds()));
        if (number == null || phones.normalize(number).isEmpty()) {
            log.info("call {} abandoned in {} by a caller without a number: nobody to call back", event.linkedid(), queue);
            return;
        }
        String e164 = phones.normalize(number).get();
        work.write("the callback of " + event.linkedid() + ", abandoned in " + queue, () -> desk.callerAbandoned(e164, queue, waited,
                event.server(), event.linkedid()).ifPresent(scheduled -> log.info("call {}: the caller {} hung up after {} s in {}: callback {}{}",
                event.linkedid(), e164, waited.toSeconds(), queue, scheduled.callbackId(), scheduled.merged() ? " (merged)" : "")));
    }

    /** A caller who gets through (calling again) is not called back for an earlier hang-up. */
    private void cancelCallbacks(CallEvent.Answered event) {
        String number = callers.get(key(event));
        if (number == null) {
            return;
        }
        phones.normalize(number).ifPresent(e164 -> work.write("the callbacks of a caller who got through on " + event.linkedid(), () -> {
            var through = desk.callerGotThrough(e164);
            if (!through.callbacksCancelled().isEmpty() || !through.recordsReached().isEmpty()) {
                log.info("call {}: the caller {} got through; callback(s) {} not needed any more, record(s) {} reached",
                        event.linkedid(), e164, through.callbacksCancelled(), through.recordsReached());
            }
        }));
    }

    /** An agent answered a call about a record: the customer is reached (first contact met, its callback not needed). */
    private void reached(CallEvent.Answered event) {
        Long record = records.get(key(event));
        if (record == null) {
            return;
        }
        work.write("record " + record + " reached on " + event.linkedid(),
                () -> desk.callerReached(record, "answered call " + event.linkedid() + " on " + event.server()));
    }

    private static java.util.Optional<Long> recordOf(Map<String, String> variables) {
        try {
            return java.util.Optional.ofNullable(variables.get("HOTLINE_RECORD_ID")).filter(v -> !v.isBlank()).map(v -> Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static String key(CallEvent event) {
        return event.server() + " " + event.linkedid();
    }

    /** Writes what was given (waiting up to 10 s for a database that takes no writes), then stops. */
    @Override
    public void close() {
        work.close();
    }
}
