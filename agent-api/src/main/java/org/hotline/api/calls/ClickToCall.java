package org.hotline.api.calls;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Places an agent's outgoing call: their device rings first, then the number is dialled (the
 * dialplan's callback-out context); {@code variables} go on the call for its record and screen.
 * Completes when the PBX has taken the request. The server implements it on the AMI bridge.
 */
@FunctionalInterface
public interface ClickToCall {

    CompletionStage<Void> call(String agentInterface, String number, Map<String, String> variables);
}
