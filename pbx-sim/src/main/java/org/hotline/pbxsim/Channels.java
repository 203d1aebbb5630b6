package org.hotline.pbxsim;

import org.hotline.pbxsim.wire.AmiFrame;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels pbx-sim has up, learnt from the events it sends (Newchannel, Hangup), with their
 * variables: what Hangup, Redirect, Getvar and Setvar act on.
 */
final class Channels {

    /** A live channel: its ids, caller, variables, and the queue it waits in (if it does). */
    record Channel(String name, String uniqueid, String linkedid, Map<String, String> variables, Map<String, String> state) {
    }

    private final Map<String, Channel> byName = new ConcurrentHashMap<>();

    void seen(AmiFrame event) {
        String name = event.getOrEmpty("Channel");
        switch (event.getOrEmpty("Event")) {
            case "Newchannel" -> byName.put(name, new Channel(name, event.getOrEmpty("Uniqueid"), event.getOrEmpty("Linkedid"),
                    new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
            case "Hangup" -> byName.remove(name);
            case "QueueCallerJoin" -> with(name, c -> {
                c.state().put("queue", event.getOrEmpty("Queue"));
                c.state().put("joined", String.valueOf(java.time.Instant.now().getEpochSecond()));
            });
            case "QueueCallerLeave", "QueueCallerAbandon" -> with(name, c -> c.state().remove("queue"));
            default -> { }
        }
        String number = event.getOrEmpty("CallerIDNum");
        if (!number.isEmpty() && !number.equals("<unknown>")) {
            with(name, c -> {
                c.state().put("callerNumber", number);
                c.state().put("callerName", event.getOrEmpty("CallerIDName"));
            });
        }
    }

    private void with(String name, java.util.function.Consumer<Channel> change) {
        Channel channel = byName.get(name);
        if (channel != null) {
            change.accept(channel);
        }
    }

    java.util.Collection<Channel> all() {
        return byName.values();
    }

    Channel get(String name) {
        return byName.get(name);
    }
}
