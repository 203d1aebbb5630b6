package org.hotline.pbxsim;

import org.hotline.pbxsim.wire.AmiFrame;
import org.hotline.pbxsim.scenario.EventShapes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The answers to CoreShowChannels, QueueStatus and QueueSummary from what pbx-sim has now (its live channels,
 * callers waiting, queue members), in the shape Asterisk 22 answered them in trace 05.
 */
final class LiveStatus {

    private final Channels channels;
    private final QueueMembers members;
    private final EventShapes shapes;

    LiveStatus(Channels channels, QueueMembers members, EventShapes shapes) {
        this.channels = channels;
        this.members = members;
        this.shapes = shapes;
    }

    List<AmiFrame> coreShowChannels(String actionId) {
        List<AmiFrame> frames = new ArrayList<>();
        frames.add(shapes.listStart(actionId, "Channels will follow"));
        int items = 0;
        for (Channels.Channel c : channels.all()) {
            Map<String, String> values = new HashMap<>(caller(c));
            values.put("ActionID", id(actionId));
            values.put("Channel", c.name());
            values.put("Uniqueid", c.uniqueid());
            values.put("Linkedid", c.linkedid());
            values.put("Application", c.state().containsKey("queue") ? "Queue" : "AppDial");
            values.put("BridgeId", "");
            frames.add(shapes.status("CoreShowChannel", values));
            items++;
        }
        frames.add(shapes.status("CoreShowChannelsComplete", Map.of("ActionID", id(actionId), "ListItems", String.valueOf(items))));
        return frames;
    }

    List<AmiFrame> queueStatus(String actionId) {
        List<AmiFrame> frames = new ArrayList<>();
        frames.add(shapes.listStart(actionId, "Queue status will follow"));
        List<Map<String, String>> listed = members.listed();
        TreeSet<String> queues = queues(listed);
        int items = 0;
        for (String queue : queues) {
            long waiting = channels.all().stream().filter(c -> queue.equals(c.state().get("queue"))).count();
            frames.add(shapes.status("QueueParams", Map.of("ActionID", id(actionId), "Queue", queue, "Calls", String.valueOf(waiting))));
            items++;
            for (Map<String, String> m : listed) {
                if (m.get("Queue").equals(queue)) {
                    Map<String, String> values = new HashMap<>(m);
                    values.put("ActionID", id(actionId));
                    frames.add(shapes.status("QueueMember", values));
                    items++;
                }
            }
            int position = 0;
            for (Channels.Channel c : channels.all()) {
                if (queue.equals(c.state().get("queue"))) {
                    Map<String, String> values = new HashMap<>(caller(c));
                    values.put("ActionID", id(actionId));
                    values.put("Queue", queue);
                    values.put("Position", String.valueOf(++position));
                    values.put("Channel", c.name());
                    values.put("Uniqueid", c.uniqueid());
                    values.put("Wait", String.valueOf(Instant.now().getEpochSecond() - Long.parseLong(c.state().get("joined"))));
                    frames.add(shapes.status("QueueEntry", values));
                    items++;
                }
            }
        }
        frames.add(shapes.status("QueueStatusComplete", Map.of("ActionID", id(actionId), "ListItems", String.valueOf(items))));
        return frames;
    }

    List<AmiFrame> queueSummary(String actionId) {
        List<AmiFrame> frames = new ArrayList<>();
        frames.add(shapes.listStart(actionId, "Queue summary will follow"));
        List<Map<String, String>> listed = members.listed();
        TreeSet<String> queues = queues(listed);
        long now = Instant.now().getEpochSecond();
        for (String queue : queues) {
            long loggedIn = listed.stream().filter(m -> m.get("Queue").equals(queue)).count();
            long available = listed.stream().filter(m -> m.get("Queue").equals(queue) && m.get("Paused").equals("0")).count();
            List<Channels.Channel> waiting = channels.all().stream().filter(c -> queue.equals(c.state().get("queue"))).toList();
            long longest = waiting.stream().mapToLong(c -> now - Long.parseLong(c.state().get("joined"))).max().orElse(0);
            frames.add(shapes.status("QueueSummary", Map.of("ActionID", id(actionId), "Queue", queue,
                    "LoggedIn", String.valueOf(loggedIn), "Available", String.valueOf(available),
                    "Callers", String.valueOf(waiting.size()), "HoldTime", "0", "TalkTime", "0",
                    "LongestHoldTime", String.valueOf(longest))));
        }
        frames.add(shapes.status("QueueSummaryComplete", Map.of("ActionID", id(actionId), "ListItems", String.valueOf(queues.size()))));
        return frames;
    }

    /** The queues that have members or callers waiting. */
    private TreeSet<String> queues(List<Map<String, String>> listed) {
        TreeSet<String> queues = new TreeSet<>();
        listed.forEach(m -> queues.add(m.get("Queue")));
        channels.all().stream().filter(c -> c.state().containsKey("queue")).forEach(c -> queues.add(c.state().get("queue")));
        return queues;
    }

    private static Map<String, String> caller(Channels.Channel c) {
        String number = c.state().getOrDefault("callerNumber", "<unknown>");
        String name = c.state().getOrDefault("callerName", "<unknown>");
        return Map.of("CallerIDNum", number, "CallerIDName", name, "ConnectedLineNum", number, "ConnectedLineName", name);
    }

    private static String id(String actionId) {
        return actionId == null ? "" : actionId;
    }
}
