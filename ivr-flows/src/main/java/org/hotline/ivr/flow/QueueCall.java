package org.hotline.ivr.flow;

import java.util.List;
import java.util.Map;

/**
 * Ends the flow by handing the caller to an Asterisk queue: sets {@code HOTLINE_QUEUE},
 * {@code QUEUE_PRIO} and the screen-pop variables ({@code HOTLINE_INTENT}, record, customer, IVR
 * session, plus {@code variables}); the dialplan runs {@code Queue()}.
 */
public record QueueCall(String id, int line, Template queue, Template priority, Map<String, Template> variables)
        implements Node {

    @Override
    public List<String> exits() {
        return List.of();
    }
}
