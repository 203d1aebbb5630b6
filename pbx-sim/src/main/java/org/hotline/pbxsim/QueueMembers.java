package org.hotline.pbxsim;

import org.hotline.pbxsim.wire.AmiFrame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dynamic queue members pbx-sim keeps, and the events Asterisk 22 sends when they change:
 * QueueMemberAdded, QueueMemberRemoved, QueueMemberPause, with the fields of the recordings.
 */
final class QueueMembers {

    /** One member of one queue. */
    private static final class Member {
        final String queue;
        final String agentInterface;
        final String name;
        final int penalty;
        final long loginTime = Instant.now().getEpochSecond();
        long lastPause;
        boolean paused;
        String reason = "";

        Member(String queue, String agentInterface, String name, int penalty) {
            this.queue = queue;
            this.agentInterface = agentInterface;
            this.name = name;
            this.penalty = penalty;
        }
    }

    private final Map<String, Member> members = new LinkedHashMap<>(); // queue + interface

    /** Every member now, as QueueStatus lists them (the recorded QueueMember's values). */
    synchronized List<Map<String, String>> listed() {
        List<Map<String, String>> listed = new ArrayList<>();
        for (Member m : members.values()) {
            Map<String, String> member = new java.util.HashMap<>();
            member.put("Queue", m.queue);
            member.put("Name", m.name);
            member.put("Location", m.agentInterface);
            member.put("StateInterface", stateInterface(m.agentInterface));
            member.put("Penalty", String.valueOf(m.penalty));
            member.put("LastPause", String.valueOf(m.lastPause));
            member.put("LoginTime", String.valueOf(m.loginTime));
            member.put("InCall", "0");
            member.put("Status", "1");
            member.put("Paused", m.paused ? "1" : "0");
            member.put("PausedReason", m.reason);
            listed.add(member);
        }
        return listed;
    }

    /** The response to QueueAdd, then its event if it was accepted. */
    synchronized List<AmiFrame> add(AmiFrame action, String actionId) {
        String queue = action.getOrEmpty("Queue");
        String agentInterface = action.getOrEmpty("Interface");
        if (queue.isEmpty() || agentInterface.isEmpty()) {
            return List.of(error(actionId, "'Queue' and 'Interface' are required"));
        }
        String key = queue + "|" + agentInterface;
        if (members.containsKey(key)) {
            return List.of(error(actionId, "Unable to add interface: Already there"));
        }
        Member member = new Member(queue, agentInterface, action.get("MemberName").orElse(agentInterface),
                parseInt(action.getOrEmpty("Penalty")));
        member.paused = Boolean.parseBoolean(action.getOrEmpty("Paused")) || action.getOrEmpty("Paused").equals("1");
        members.put(key, member);
        return List.of(success(actionId, "Added interface to queue"), event("QueueMemberAdded", member));
    }

    synchronized List<AmiFrame> remove(AmiFrame action, String actionId) {
        Member member = members.remove(action.getOrEmpty("Queue") + "|" + action.getOrEmpty("Interface"));
        if (member == null) {
            return List.of(error(actionId, "Unable to remove interface: Not there"));
        }
        return List.of(success(actionId, "Removed interface from queue"), event("QueueMemberRemoved", member));
    }

    /** QueuePause: in the queue named, or in every queue of the interface. */
    synchronized List<AmiFrame> pause(AmiFrame action, String actionId) {
        boolean paused = action.getOrEmpty("Paused").equalsIgnoreCase("true") || action.getOrEmpty("Paused").equals("1");
        String queue = action.getOrEmpty("Queue");
        List<AmiFrame> events = new ArrayList<>();
        for (Member member : members.values()) {
            if (member.agentInterface.equals(action.getOrEmpty("Interface")) && (queue.isEmpty() || member.queue.equals(queue))) {
                member.paused = paused;
                member.reason = paused ? action.getOrEmpty("Reason") : "";
                member.lastPause = paused ? Instant.now().getEpochSecond() : member.lastPause;
                events.add(event("QueueMemberPause", member));
            }
        }
        if (events.isEmpty()) {
            return List.of(error(actionId, "Interface not found"));
        }
        List<AmiFrame> out = new ArrayList<>();
        out.add(success(actionId, paused ? "Interface paused successfully" : "Interface unpaused successfully"));
        out.addAll(events);
        return out;
    }

    private static AmiFrame event(String name, Member m) {
        return AmiFrame.event(name).add("Privilege", "agent,all").add("Queue", m.queue).add("MemberName", m.name)
                .add("Interface", m.agentInterface).add("StateInterface", stateInterface(m.agentInterface))
                .add("Membership", "dynamic").add("Penalty", String.valueOf(m.penalty)).add("CallsTaken", "0")
                .add("LastCall", "0").add("LastPause", String.valueOf(m.lastPause)).add("LoginTime", String.valueOf(m.loginTime))
                .add("InCall", "0").add("Status", "1").add("Paused", m.paused ? "1" : "0").add("PausedReason", m.reason)
                .add("Ringinuse", "0").add("Wrapuptime", "0").build();
    }

    /** Local/1001@agents/n is watched as Local/1001@agents, as in the recordings. */
    private static String stateInterface(String agentInterface) {
        return agentInterface.startsWith("Local/") && agentInterface.endsWith("/n")
                ? agentInterface.substring(0, agentInterface.length() - 2) : agentInterface;
    }

    private static AmiFrame success(String actionId, String message) {
        AmiFrame.Builder b = AmiFrame.response("Success");
        if (actionId != null) {
            b.add("ActionID", actionId);
        }
        return b.add("Message", message).build();
    }

    private static AmiFrame error(String actionId, String message) {
        AmiFrame.Builder b = AmiFrame.response("Error");
        if (actionId != null) {
            b.add("ActionID", actionId);
        }
        return b.add("Message", message).build();
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Every member gone (a restart with persistentmembers = no). */
    synchronized void clear() {
        members.clear();
    }
}
