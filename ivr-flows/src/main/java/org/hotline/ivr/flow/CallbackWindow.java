package org.hotline.ivr.flow;

import java.time.LocalTime;
import java.util.Optional;

/**
 * When a callback may be made: as soon as possible ({@code asap}), at the next opening of a
 * calendar ({@code next-opening}), or between two times of day ({@code "14:00-18:00"}, today if
 * still ahead, else tomorrow).
 */
public record CallbackWindow(Kind kind, Optional<LocalTime> from, Optional<LocalTime> to) {

    public enum Kind { ASAP, NEXT_OPENING, BETWEEN }

    public static CallbackWindow asap() {
        return new CallbackWindow(Kind.ASAP, Optional.empty(), Optional.empty());
    }

    public static CallbackWindow nextOpening() {
        return new CallbackWindow(Kind.NEXT_OPENING, Optional.empty(), Optional.empty());
    }

    public static CallbackWindow between(LocalTime from, LocalTime to) {
        return new CallbackWindow(Kind.BETWEEN, Optional.of(from), Optional.of(to));
    }
}
