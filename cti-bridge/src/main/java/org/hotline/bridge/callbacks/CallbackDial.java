package org.hotline.bridge.callbacks;

import java.time.Duration;

/**
 * A callback to place: the agent's device is rung first ({@code agentChannel}, e.g. PJSIP/1001);
 * when they answer, the dialplan context {@code context} dials {@code customerNumber}. The
 * callback's id travels as the channel variable HOTLINE_CALLBACK_ID.
 */
public record CallbackDial(long callbackId, String agentChannel, String customerNumber, String context, String callerId,
                           Duration agentRingTimeout) {

    public static CallbackDial of(long callbackId, String agentChannel, String customerNumber) {
        return new CallbackDial(callbackId, agentChannel, customerNumber, "callback-out", "\"Service Hotline\" <4008>",
                Duration.ofSeconds(20));
    }
}
