package org.hotline.api.wallboard;

import java.time.Duration;

/**
 * How the service level is counted: the share of calls answered within {@code threshold}, out
 * of the answered calls ({@code ANSWERED}), of all calls that ended their wait ({@code OFFERED}:
 * answered + abandoned), or of those less the callers who gave up within the threshold
 * ({@code OFFERED_LESS_SHORT_ABANDONS}).
 */
public record ServiceLevel(Duration threshold, Formula formula) {

    public enum Formula { ANSWERED, OFFERED, OFFERED_LESS_SHORT_ABANDONS }

    public static ServiceLevel defaults() {
        return new ServiceLevel(Duration.ofSeconds(20), Formula.OFFERED_LESS_SHORT_ABANDONS);
    }

    /** The same formula with another threshold (a queue's own). */
    public ServiceLevel withThreshold(Duration threshold) {
        return new ServiceLevel(threshold, formula);
    }

    /** The share in percent, or null when no call counts yet. */
    Double percent(long answeredWithin, long answered, long abandoned, long abandonedWithin) {
        long base = switch (formula) {
            case ANSWERED -> answered;
            case OFFERED -> answered + abandoned;
            case OFFERED_LESS_SHORT_ABANDONS -> answered + abandoned - abandonedWithin;
        };
        return base == 0 ? null : Math.round(1000.0 * answeredWithin / base) / 10.0;
    }
}
