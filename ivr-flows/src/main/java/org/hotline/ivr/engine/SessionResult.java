package org.hotline.ivr.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a caller did in one IVR session: the nodes visited in order, the keys pressed, the
 * channel variables handed to the dialplan, the records and callbacks made, how it ended.
 */
public record SessionResult(String flow, String flowVersion, long sessionId, List<String> path, List<KeyPress> keys,
                            Map<String, String> handedOn, Optional<Long> customerId, List<Long> recordsCreated,
                            List<Long> callbacksScheduled, Outcome outcome, boolean callerHungUp, Optional<String> failure) {

    public SessionResult {
        path = List.copyOf(path);
        keys = List.copyOf(keys);
        handedOn = Map.copyOf(handedOn);
        recordsCreated = List.copyOf(recordsCreated);
        callbacksScheduled = List.copyOf(callbacksScheduled);
    }
}
