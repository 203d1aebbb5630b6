package org.hotline.pbxsim.scenario;

import org.hotline.bridge.ami.wire.AmiMessage;

import java.util.Map;

/** Single events in the recorded shape, for the simulator's own actions (a Hangup it is asked for). */
public final class EventShapes {

    private final EventTemplates templates;

    private EventShapes(EventTemplates templates) {
        this.templates = templates;
    }

    public static EventShapes recorded() {
        return new EventShapes(EventTemplates.fromTraces());
    }

    /** The Hangup Asterisk sends when a channel is hung up by request (cause 16, Normal Clearing). */
    public AmiMessage hangup(String channel, String uniqueid, String linkedid) {
        return templates.make("Hangup", Map.of("Channel", channel, "Uniqueid", uniqueid, "Linkedid", linkedid, "Cause", "16",
                "Cause-txt", "Normal Clearing"));
    }
}
