package org.hotline.pbxsim.scenario;

import org.hotline.pbxsim.wire.AmiFrame;

import java.util.Map;

/** Single events in the recorded shape, for the simulator's own actions (a Hangup it is asked for). */
public final class EventShapes {

    private final EventTemplates templates;
    private final EventTemplates status = EventTemplates.fromTrace("05-pause-status-queries");

    private EventShapes(EventTemplates templates) {
        this.templates = templates;
    }

    public static EventShapes recorded() {
        return new EventShapes(EventTemplates.fromTraces());
    }

    /** A status list's event (CoreShowChannel, QueueParams, QueueMember, QueueEntry, ...Complete) as trace 05 has it. */
    public AmiFrame status(String event, Map<String, String> values) {
        return status.make(event, 0, values);
    }

    /** The response that opens a status list. */
    public AmiFrame listStart(String actionId, String message) {
        AmiFrame.Builder b = AmiFrame.response("Success");
        if (actionId != null) {
            b.add("ActionID", actionId);
        }
        return b.add("EventList", "start").add("Message", message).build();
    }

    /** The Hangup Asterisk sends when a channel is hung up by request (cause 16, Normal Clearing). */
    public AmiFrame hangup(String channel, String uniqueid, String linkedid) {
        return templates.make("Hangup", Map.of("Channel", channel, "Uniqueid", uniqueid, "Linkedid", linkedid, "Cause", "16",
                "Cause-txt", "Normal Clearing"));
    }
}
