package org.hotline.api.callbacks;

import java.util.concurrent.CompletionStage;

/**
 * Places a callback's call: the agent's device first, then the customer; completes with the
 * outcome (answered, busy, no_answer, failed, agent_no_answer) once the service desk has it. The
 * server implements it on the AMI bridge.
 */
@FunctionalInterface
public interface CallbackLine {

    CompletionStage<String> place(long callbackId, long agentId, String agentInterface, String customerNumber);
}
