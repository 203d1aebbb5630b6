package org.hotline.ivr.channel;

/**
 * What the PBX says about the call when the flow starts: which Asterisk, the channel's
 * uniqueid and name, the caller's number and name as the network gave them, the channel's
 * language, the flow asked for and its arguments ({@code agi://host/flow?record=42}).
 */
public record CallInfo(String server, String uniqueid, String channel, String callerNumber, String callerName,
                       String language, String flow, java.util.Map<String, String> arguments) {

    public CallInfo {
        arguments = java.util.Map.copyOf(arguments);
    }
}
