package org.hotline.pbxsim;

import org.hotline.bridge.ami.wire.AmiMessage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels pbx-sim has up, learnt from the events it sends (Newchannel, Hangup), with their
 * variables: what Hangup, Redirect, Getvar and Setvar act on.
 */
final class Channels {

    /** A live channel: its ids and variables. */
    record Channel(String name, String uniqueid, String linkedid, Map<String, String> variables) {
    }

    private final Map<String, Channel> byName = new ConcurrentHashMap<>();

    void seen(AmiMessage event) {
        String name = event.getOrEmpty("Channel");
        switch (event.getOrEmpty("Event")) {
            case "Newchannel" -> byName.put(name, new Channel(name, event.getOrEmpty("Uniqueid"), event.getOrEmpty("Linkedid"),
                    new ConcurrentHashMap<>()));
            case "Hangup" -> byName.remove(name);
            default -> { }
        }
    }

    Channel get(String name) {
        return byName.get(name);
    }
}
