package org.hotline.bridge.callbacks;

import org.hotline.bridge.ami.client.AmiClient;
import org.hotline.bridge.ami.wire.AmiMessage;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Places callback calls on one Asterisk server and follows each to its outcome: an asynchronous
 * Originate (agent first), matched to its OriginateResponse by ActionID, then to the customer
 * leg's DialEnd by Linkedid (trace 04). Feed it every event ({@link #on}) on the event thread.
 */
public final class CallbackCalls {

    private final String server;
    private final AmiClient client;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Placing> byActionId = new ConcurrentHashMap<>();
    private final Map<String, Placing> byLinkedid = new ConcurrentHashMap<>();

    public CallbackCalls(String server, AmiClient client) {
        this.server = server;
        this.client = client;
    }

    private record Placing(CallbackDial dial, CompletableFuture<CallbackCallResult> result) {
    }

    /** Places the call; the future completes with how it went, or fails if Asterisk refused the Originate. */
    public CompletableFuture<CallbackCallResult> place(CallbackDial dial) {
        String actionId = server + "-callback-" + dial.callbackId() + "-" + ids.incrementAndGet();
        Placing placing = new Placing(dial, new CompletableFuture<>());
        byActionId.put(actionId, placing);
        client.send(actionId, AmiMessage.action("Originate").add("Channel", dial.agentChannel())
                .add("Context", dial.context()).add("Exten", dial.customerNumber()).add("Priority", "1")
                .add("CallerID", dial.callerId()).add("Timeout", String.valueOf(dial.agentRingTimeout().toMillis()))
                .add("Async", "true").add("Variable", "HOTLINE_CALLBACK_ID=" + dial.callbackId()))
                .whenComplete((response, error) -> {
                    if (error != null || !response.isSuccess()) {
                        byActionId.remove(actionId);
                        placing.result().complete(new CallbackCallResult(dial.callbackId(), CallbackCallResult.Outcome.FAILED, server,
                                "", error != null ? error.getMessage() : response.message()));
                    }
                });
        return placing.result();
    }

    public void on(AmiMessage event) {
        switch (event.getOrEmpty("Event")) {
            case "OriginateResponse" -> event.actionId().map(byActionId::remove).ifPresent(placing -> {
                if (event.getOrEmpty("Response").equalsIgnoreCase("Success")) {
                    byLinkedid.put(event.getOrEmpty("Uniqueid"), placing);
                } else {
                    CallbackCallResult.Outcome outcome = switch (event.getOrEmpty("Reason")) {
                        case "3" -> CallbackCallResult.Outcome.AGENT_NO_ANSWER;
                        default -> CallbackCallResult.Outcome.FAILED;
                    };
                    placing.result().complete(new CallbackCallResult(placing.dial().callbackId(), outcome, server, "",
                            "agent leg: reason " + event.getOrEmpty("Reason")));
                }
            });
            case "DialEnd" -> {
                // the customer leg: dialled from the agent's channel (trace 04's second DialEnd)
                Placing placing = event.getOrEmpty("Channel").isEmpty() ? null : byLinkedid.remove(event.getOrEmpty("Linkedid"));
                if (placing != null) {
                    String status = event.getOrEmpty("DialStatus");
                    CallbackCallResult.Outcome outcome = switch (status) {
                        case "ANSWER" -> CallbackCallResult.Outcome.ANSWERED;
                        case "BUSY" -> CallbackCallResult.Outcome.BUSY;
                        case "NOANSWER" -> CallbackCallResult.Outcome.NO_ANSWER;
                        default -> CallbackCallResult.Outcome.FAILED;
                    };
                    placing.result().complete(new CallbackCallResult(placing.dial().callbackId(), outcome, server,
                            event.getOrEmpty("Linkedid"), status));
                }
            }
            case "Hangup" -> {
                // the agent hung up before the customer was dialled
                Placing placing = event.getOrEmpty("Uniqueid").equals(event.getOrEmpty("Linkedid"))
                        ? byLinkedid.remove(event.getOrEmpty("Linkedid")) : null;
                if (placing != null) {
                    placing.result().complete(new CallbackCallResult(placing.dial().callbackId(), CallbackCallResult.Outcome.FAILED,
                            server, event.getOrEmpty("Linkedid"), "the agent's channel hung up: " + event.getOrEmpty("Cause-txt")));
                }
            }
            default -> { }
        }
    }
}
