package org.hotline.bridge;

import org.hotline.bridge.ami.client.AmiActionException;
import org.hotline.bridge.ami.wire.AmiMessage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * One Asterisk server as an agent's work meets it: queue membership (log in with penalties,
 * pause, ready, log out) and the agent's own outgoing calls, as AMI actions through the bridge
 * of the node that follows it. A server that cannot be reached fails with {@link Unavailable};
 * an action Asterisk refuses with {@link Refused}.
 */
public final class Switchboard {

    /** No Asterisk server is configured, or its link is down. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** Asterisk answered the action with an error (its message). */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final AmiBridge bridge;

    public Switchboard(AmiBridge bridge) {
        this.bridge = bridge;
    }

    /** Puts the agent in each queue with its penalty (queue name to penalty). */
    public CompletableFuture<Void> logIn(String agentInterface, String memberName, Map<String, Integer> penalties) {
        return on(bridge -> CompletableFuture.allOf(penalties.entrySet().stream()
                .map(seat -> bridge.agentCommands().login(seat.getKey(), agentInterface, memberName, seat.getValue()))
                .toArray(CompletableFuture[]::new)));
    }

    public CompletableFuture<Void> pause(String agentInterface, String reason) {
        return on(bridge -> bridge.agentCommands().pause(agentInterface, reason));
    }

    public CompletableFuture<Void> ready(String agentInterface) {
        return on(bridge -> bridge.agentCommands().ready(agentInterface));
    }

    public CompletableFuture<Void> logOut(String agentInterface, List<String> queues) {
        return on(bridge -> CompletableFuture.allOf(queues.stream().map(queue -> bridge.agentCommands().logout(queue, agentInterface))
                .toArray(CompletableFuture[]::new)));
    }

    /**
     * An agent's outgoing call: Originate of their device first; when they answer, the dialplan's
     * {@code callback-out} context dials {@code number}. {@code variables} go on the call's channel.
     */
    public CompletableFuture<Void> call(String device, String number, Map<String, String> variables) {
        return on(bridge -> {
            var action = AmiMessage.action("Originate").add("Channel", device).add("Context", "callback-out")
                    .add("Exten", number).add("Priority", "1").add("CallerID", "\"Service Hotline\" <4008>").add("Timeout", "20000")
                    .add("Async", "true");
            variables.forEach((name, value) -> action.add("Variable", name + "=" + value));
            return bridge.client().send(action).thenAccept(result -> {
                if (!result.isSuccess()) {
                    throw new Refused(result.message());
                }
            });
        });
    }

    private CompletableFuture<Void> on(Function<AmiBridge, CompletableFuture<?>> action) {
        if (bridge.state() == AmiBridge.State.DISCONNECTED) {
            return CompletableFuture.failedFuture(new Unavailable("Asterisk " + bridge.name() + " cannot be reached now"));
        }
        CompletableFuture<?> started;
        try {
            started = action.apply(bridge);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return started.handle((x, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof AmiActionException refused) {
                throw new Refused(refused.getMessage());
            }
            if (cause != null) {
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            }
            return null;
        });
    }
}
