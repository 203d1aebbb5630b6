package org.hotline.pbxsim.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The callers waiting in each queue, in order, as app_queue keeps them: a caller joins at the
 * back or at the position Queue() was given (the head is 1), and everyone behind a caller who
 * leaves moves up one. Positions are 1-based, as in QueueCallerJoin and QueueCallerLeave.
 */
final class WaitingLine<C> {

    private final Map<String, List<C>> queues = new HashMap<>();

    /** Puts {@code caller} at {@code position} (0, or past the end: at the back); returns the place it got. */
    int enter(String queue, C caller, int position) {
        List<C> line = queues.computeIfAbsent(queue, q -> new ArrayList<>());
        int index = position <= 0 || position > line.size() ? line.size() : position - 1;
        line.add(index, caller);
        return index + 1;
    }

    /** Takes {@code caller} out; returns the place it had (0: it was not waiting). */
    int leave(String queue, C caller) {
        int position = positionOf(queue, caller);
        if (position > 0) {
            queues.get(queue).remove(position - 1);
        }
        return position;
    }

    int positionOf(String queue, C caller) {
        return queues.getOrDefault(queue, List.of()).indexOf(caller) + 1;
    }

    int count(String queue) {
        return queues.getOrDefault(queue, List.of()).size();
    }
}
