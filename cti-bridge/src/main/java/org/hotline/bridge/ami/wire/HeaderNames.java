package org.hotline.bridge.ami.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header names Asterisk 22 writes in the AMI frames Hotline reads (from the recorded traces,
 * plus the channel variables and transfer fields), each as Asterisk spells it. The decoder takes
 * a known name's one String instead of making a new one a line, and a frame made only of known
 * names is looked up as spelt: no two known names differ only in case (Asterisk writes
 * {@code BridgeId} and {@code BridgeID}, {@code HoldTime} and {@code Holdtime}; one of each is
 * here, the other is an unknown name and its frame is looked up case-blind, as before).
 */
final class HeaderNames {

    private static final String[] NAMES = {
            "Abandoned", "AccountCode", "Action", "ActionID", "AppData", "Application", "ApplicationData", "Available",
            "BridgeCreator", "BridgeId", "BridgeName", "BridgeNumChannels", "BridgeTechnology", "BridgeType",
            "BridgeUniqueid", "BridgeVideoSourceMode", "CID-CallingPres", "CallerIDName", "CallerIDNum", "Callers",
            "Callgroup", "Calls", "CallsTaken", "Cause", "Cause-txt", "ChanVariable", "Channel", "ChannelState",
            "ChannelStateDesc", "Command", "CommandId", "Completed", "ConnectedLineName", "ConnectedLineNum", "Context",
            "Count", "DNID", "Data", "DestAccountCode", "DestCallerIDName", "DestCallerIDNum", "DestChannel",
            "DestChannelState", "DestChannelStateDesc", "DestConnectedLineName", "DestConnectedLineNum", "DestContext",
            "DestExten", "DestLanguage", "DestLinkedid", "DestPriority", "DestUniqueid", "Device", "DialStatus",
            "DialString", "Digit", "Direction", "Duration", "DurationMs", "EffectiveConnectedLineName",
            "EffectiveConnectedLineNum", "End", "Event", "EventList", "Events", "Exten", "Extension", "HoldTime",
            "InCall", "Interface", "IsExternal", "Items", "Language", "LastCall", "LastPause", "LastReload", "Linkedid",
            "ListItems", "LocalOneAccountCode", "LocalOneCallerIDName", "LocalOneCallerIDNum", "LocalOneChannel",
            "LocalOneChannelState", "LocalOneChannelStateDesc", "LocalOneConnectedLineName", "LocalOneConnectedLineNum",
            "LocalOneContext", "LocalOneExten", "LocalOneLanguage", "LocalOneLinkedid", "LocalOnePriority",
            "LocalOneUniqueid", "LocalOptimization", "LocalTwoAccountCode", "LocalTwoCallerIDName",
            "LocalTwoCallerIDNum", "LocalTwoChannel", "LocalTwoChannelState", "LocalTwoChannelStateDesc",
            "LocalTwoConnectedLineName", "LocalTwoConnectedLineNum", "LocalTwoContext", "LocalTwoExten",
            "LocalTwoLanguage", "LocalTwoLinkedid", "LocalTwoPriority", "LocalTwoUniqueid", "Location", "LoggedIn",
            "LoginTime", "LongestHoldTime", "Max", "MemberName", "Membership", "Message", "Name", "Nativeformats",
            "OriginalPosition", "Output", "Paused", "PausedReason", "Penalty", "Pickupgroup", "Ping", "Position",
            "Priority", "Privilege", "Queue", "QueueStatus", "Readformat", "Readtrans", "Reason", "Response", "Result",
            "ResultCode", "RingTime", "Ringinuse", "Seconds", "Secret", "ServiceLevel", "ServicelevelPerf",
            "ServicelevelPerf2", "State", "StateInterface", "Status", "Strategy", "SystemName", "TalkTime",
            "TimeToHangup", "Timestamp", "TransferTargetChannel", "TransfereeChannel", "TransfereeLinkedid",
            "TransfereeUniqueid", "TransfererChannel", "TransfererLinkedid", "TransfererUniqueid", "Type", "Uniqueid",
            "Uptime", "Username", "Value", "Variable", "Wait", "Weight", "Wrapuptime", "Writeformat", "Writetrans"
    };

    private static final Map<String, String> KNOWN = new HashMap<>();
    private static final int SLOTS = 1024; // a power of two, several times the names: few probes
    private static final byte[][] SLOT_BYTES = new byte[SLOTS][];
    private static final String[] SLOT_NAMES = new String[SLOTS];

    static {
        Set<String> folded = new HashSet<>();
        for (String name : NAMES) {
            KNOWN.put(name, name);
            if (!folded.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("two known AMI header names differ only in case: " + name);
            }
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            int slot = hash(bytes, 0, bytes.length) & (SLOTS - 1);
            while (SLOT_BYTES[slot] != null) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            SLOT_BYTES[slot] = bytes;
            SLOT_NAMES[slot] = name;
        }
    }

    private HeaderNames() {
    }

    /** The known name spelt exactly as {@code bytes[from, from + length)}, or null. */
    static String known(byte[] bytes, int from, int length) {
        int slot = hash(bytes, from, length) & (SLOTS - 1);
        byte[] candidate;
        while ((candidate = SLOT_BYTES[slot]) != null) {
            if (Arrays.equals(candidate, 0, candidate.length, bytes, from, from + length)) {
                return SLOT_NAMES[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        return null;
    }

    /** The known name's own String when {@code name} is a known name as spelt, else null. */
    static String known(String name) {
        return KNOWN.get(name);
    }

    private static int hash(byte[] bytes, int from, int length) {
        int h = length;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ (h >>> 11);
    }
}
