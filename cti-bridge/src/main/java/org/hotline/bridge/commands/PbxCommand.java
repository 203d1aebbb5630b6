package org.hotline.bridge.commands;

import java.util.List;
import java.util.Map;

/**
 * What an agent's work asks of their Asterisk server, whichever node it is asked on: it is done
 * by the node that follows that server (sent to it when that is another node). Each value is
 * checked again where it becomes an AMI header.
 */
public sealed interface PbxCommand {

    /** The agent's device: the command goes to the Asterisk server that has it. */
    String device();

    /** Into each queue with its penalty (queue name to penalty). */
    record LogIn(String device, String memberName, Map<String, Integer> penalties) implements PbxCommand {
        public LogIn {
            penalties = Map.copyOf(penalties);
        }
    }

    record Pause(String device, String reason) implements PbxCommand {
    }

    record Ready(String device) implements PbxCommand {
    }

    record LogOut(String device, List<String> queues) implements PbxCommand {
        public LogOut {
            queues = List.copyOf(queues);
        }
    }

    /** The agent's own outgoing call: their device first, then {@code number} from the dialplan's callback-out. */
    record Call(String device, String number, Map<String, String> variables) implements PbxCommand {
        public Call {
            variables = Map.copyOf(variables);
        }
    }

    /** A callback's call for the agent (device first, then the customer); its outcome is the answer. */
    record Callback(String device, long callbackId, String customerNumber, long agentId) implements PbxCommand {
    }
}
