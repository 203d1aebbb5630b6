package org.hotline.bridge.ami.client;

import org.hotline.bridge.ami.wire.AmiMessage;

import java.util.List;

/** The response to an action and, for a list action (QueueStatus, CoreShowChannels, ...), its events. */
public record ActionResult(AmiMessage response, List<AmiMessage> events) {

    public boolean isSuccess() {
        return response.getOrEmpty("Response").equalsIgnoreCase("Success");
    }

    public String message() {
        return response.getOrEmpty("Message");
    }
}
