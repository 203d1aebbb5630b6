package org.hotline.api.pops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * When the database does not answer a pop in time, the agent gets the caller's number and name at
 * once rather than nothing; this says so once per episode (its start, and its end with how many
 * pops it degraded), not once per call.
 */
final class DegradedPops {

    private static final Logger log = LoggerFactory.getLogger(DegradedPops.class);

    private final Duration wait;
    private long inEpisode;
    private volatile long total;

    DegradedPops(Duration wait) {
        this.wait = wait;
    }

    /** How long a ringing agent waits for the whole pop before the number and name go out alone. */
    Duration waitFor() {
        return wait;
    }

    /** Pops degraded since start. */
    long total() {
        return total;
    }

    synchronized void degraded() {
        total++;
        if (inEpisode++ == 0) {
            log.warn("screen pops degraded: the customer's card was not read within {} ms; agents get the caller's number and name "
                    + "first, the card when it comes", wait.toMillis());
        }
    }

    synchronized void whole() {
        if (inEpisode > 0) {
            log.info("screen pops whole again, after {} degraded", inEpisode);
            inEpisode = 0;
        }
    }
}
