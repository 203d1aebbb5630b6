package org.hotline.bridge.agents;

import org.hotline.bridge.ami.client.ActionResult;
import org.hotline.bridge.ami.client.AmiActionException;
import org.hotline.bridge.ami.client.AmiClient;
import org.hotline.bridge.ami.wire.AmiMessage;

import java.util.concurrent.CompletableFuture;

/**
 * What an agent (or a supervisor for them) asks of Asterisk, as AMI actions: log into a queue,
 * log out of it, pause with a reason, be ready again. Each completes when Asterisk has answered;
 * a refusal fails it with Asterisk's message. The resulting state arrives as events.
 */
public final class AgentCommands {

    private final AmiClient client;

    public AgentCommands(AmiClient client) {
        this.client = client;
    }

    public CompletableFuture<ActionResult> login(String queue, String agentInterface, String memberName, int penalty) {
        return checked(AmiMessage.action("QueueAdd").add("Queue", queue).add("Interface", agentInterface)
                .add("MemberName", memberName).add("Penalty", String.valueOf(penalty)).add("Paused", "false"));
    }

    public CompletableFuture<ActionResult> logout(String queue, String agentInterface) {
        return checked(AmiMessage.action("QueueRemove").add("Queue", queue).add("Interface", agentInterface));
    }

    /** Pauses in every queue of the agent. */
    public CompletableFuture<ActionResult> pause(String agentInterface, String reason) {
        return checked(AmiMessage.action("QueuePause").add("Interface", agentInterface).add("Paused", "true").add("Reason", reason));
    }

    public CompletableFuture<ActionResult> ready(String agentInterface) {
        return checked(AmiMessage.action("QueuePause").add("Interface", agentInterface).add("Paused", "false"));
    }

    private CompletableFuture<ActionResult> checked(AmiMessage.Builder action) {
        return client.send(action).thenApply(result -> {
            if (!result.isSuccess()) {
                throw new AmiActionException(result.message());
            }
            return result;
        });
    }
}
