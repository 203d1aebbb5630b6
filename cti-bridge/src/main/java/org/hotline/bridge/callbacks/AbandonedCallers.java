package org.hotline.bridge.callbacks;

import org.hotline.events.CallEvent;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.customers.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Every call gets an answer or a callback: a caller who hangs up while waiting in a queue is
 * handed to the service desk to be called back ({@link ServiceDesk#callerAbandoned}). Follows the
 * call events of the bridge (on the node that has the AMI link); the database work runs on
 * virtual threads, never on the AMI event thread. Callers without a number are not called back.
 * A caller who gets through to an agent (calling again) is not called back for an earlier hang-up,
 * and a caller answered about the record the IVR made or found for them is reached: that record's
 * first contact is met and its first-contact callback cancelled.
 */
public final class AbandonedCallers implements Consumer<CallEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AbandonedCallers.class);
    /** How long to wait before each new try when the database refuses. */
    private static final Duration[] RETRIES = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)};

    private final ServiceDesk desk;
    private final PhoneNumbers phones;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    /** The caller's number of each call waiting in a queue, by Asterisk server and linkedid, until the call ends. */
    private final Map<String, String> callers = new ConcurrentHashMap<>();
    /** The record the IVR made or found for each queued call (HOTLINE_RECORD_ID), until the call ends. */
    private final Map<String, Long> records = new ConcurrentHashMap<>();

    public AbandonedCallers(ServiceDesk desk, PhoneNumbers phones) {
        this.desk = desk;
        this.phones = phones;
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
        work.execute(() -> {
            for (int attempt = 1; ; attempt++) { // the database may be away a moment: the callback must not be lost to it
                try {
                    desk.callerAbandoned(e164, queue, waited, event.server(), event.linkedid()).ifPresent(scheduled -> log.info(
                            "call {}: the caller {} hung up after {} s in {}: callback {}{}", event.linkedid(), e164,
                            waited.toSeconds(), queue, scheduled.callbackId(), scheduled.merged() ? " (merged)" : ""));
                    return;
                } catch (RuntimeException e) {
                    if (attempt == RETRIES.length + 1 || !pause(RETRIES[attempt - 1])) {
                        log.error("call {}: the callback for the caller {} who hung up in {} could not be scheduled: {}",
                                event.linkedid(), e164, queue, e.toString());
                        return;
                    }
                    log.warn("call {}: scheduling the callback failed ({}), trying again", event.linkedid(), e.toString());
                }
            }
        });
    }

    /** A caller who gets through (calling again) is not called back for an earlier hang-up. */
    private void cancelCallbacks(CallEvent.Answered event) {
        String number = callers.get(key(event));
        if (number == null) {
            return;
        }
        phones.normalize(number).ifPresent(e164 -> work.execute(() -> {
            try {
                var through = desk.callerGotThrough(e164);
                if (!through.callbacksCancelled().isEmpty() || !through.recordsReached().isEmpty()) {
                    log.info("call {}: the caller {} got through; callback(s) {} not needed any more, record(s) {} reached",
                            event.linkedid(), e164, through.callbacksCancelled(), through.recordsReached());
                }
            } catch (RuntimeException e) {
                log.warn("call {}: callbacks of a caller who got through not checked: {}", event.linkedid(), e.toString());
            }
        }));
    }

    /** An agent answered a call about a record: the customer is reached (first contact met, its callback not needed). */
    private void reached(CallEvent.Answered event) {
        Long record = records.get(key(event));
        if (record == null) {
            return;
        }
        work.execute(() -> {
            try {
                desk.callerReached(record, "answered call " + event.linkedid() + " on " + event.server());
            } catch (RuntimeException e) {
                log.warn("call {}: record {} not marked as contacted: {}", event.linkedid(), record, e.toString());
            }
        });
    }

    private static java.util.Optional<Long> recordOf(Map<String, String> variables) {
        try {
            return java.util.Optional.ofNullable(variables.get("HOTLINE_RECORD_ID")).filter(v -> !v.isBlank()).map(v -> Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** Waits before another try; false when the server is stopping. */
    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String key(CallEvent event) {
        return event.server() + " " + event.linkedid();
    }

    @Override
    public void close() throws InterruptedException {
        work.shutdown();
        if (!work.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
            work.shutdownNow(); // a try waiting to be made again logs the callback it could not schedule
        }
    }
}
