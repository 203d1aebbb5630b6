package org.hotline.bench.calls;

import org.hotline.pbxsim.agi.AgiCallScript;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Who calls and what they do in the shipped flows, in the shares a service hotline sees: a known
 * customer reporting a fault on one of their products (the record with its clocks and
 * first-contact callback, then the queue), a stranger reporting one with an unknown serial, a
 * complaint, a callback request (no queue), and a request left out of hours (its flow: a record
 * and a callback at the next opening, no queue).
 */
final class CallerMix {

    enum Kind {
        KNOWN_REPAIR(55), UNKNOWN_REPAIR(15), COMPLAINT(10), CALLBACK_REQUEST(10), OUT_OF_HOURS(10);

        final int percent;

        Kind(int percent) {
            this.percent = percent;
        }

        /** Whether the caller goes on to the queue (and so rings an agent). */
        boolean queues() {
            return this == KNOWN_REPAIR || this == UNKNOWN_REPAIR || this == COMPLAINT;
        }
    }

    /** One caller: what kind, from which number, and their FastAGI session. */
    record Caller(Kind kind, String number, AgiCallScript ivr) {
    }

    private final List<String> knownNumbers;
    private final Random random = new Random(17);
    private final Duration thinkTime;
    private long strangers;

    CallerMix(List<String> knownNumbers, Duration thinkTime) {
        this.knownNumbers = knownNumbers;
        this.thinkTime = thinkTime;
    }

    synchronized Caller next() {
        int roll = random.nextInt(100);
        Kind kind = Kind.KNOWN_REPAIR;
        for (Kind k : Kind.values()) {
            if (roll < k.percent) {
                kind = k;
                break;
            }
            roll -= k.percent;
        }
        String known = knownNumbers.get(random.nextInt(knownNumbers.size()));
        return switch (kind) {
            // 1 repair, 1 the first of their products (a caller with an open record is asked about it first: 1, about it)
            case KNOWN_REPAIR -> new Caller(kind, known, script("hotline", known, "1", "1"));
            // 1 repair, a serial nobody has (ended by #)
            case UNKNOWN_REPAIR -> {
                String stranger = "139" + String.format("%08d", 50_000_000 + strangers++);
                yield new Caller(kind, stranger, script("hotline", stranger, "1", "40400404#"));
            }
            case COMPLAINT -> new Caller(kind, known, script("hotline", known, "3"));
            // 6 a callback: 1 this number, 1 as soon as possible
            case CALLBACK_REQUEST -> new Caller(kind, known, script("hotline", known, "6", "1", "1"));
            // 3 a request: the record, then 1 this number for the callback, 1 at the next opening
            case OUT_OF_HOURS -> new Caller(kind, known, script("out-of-hours", known, "3", "1", "1"));
        };
    }

    /** The survey after an answered call, about {@code recordId}: satisfaction 5, attitude 1 (very good). */
    AgiCallScript survey(String number, String recordId) {
        return new AgiCallScript("survey", "PJSIP/trunk-survey", "survey", number, "Caller", List.of("5", "1"), -1,
                List.of("record=" + recordId, "kind=after-call"), "zh", thinkTime);
    }

    private AgiCallScript script(String flow, String number, String... keys) {
        return new AgiCallScript(flow, "PJSIP/trunk", "unused", number, "Caller", List.of(keys), -1, List.of(), "zh", thinkTime);
    }
}
