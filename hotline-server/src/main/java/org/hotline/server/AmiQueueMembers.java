package org.hotline.server;

import org.hotline.api.desk.QueueMembers;
import org.hotline.bridge.AmiBridge;
import org.hotline.bridge.ami.client.AmiActionException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The agent API's queue membership on the AMI bridge of the (first) configured Asterisk server. */
final class AmiQueueMembers implements QueueMembers {

    private final List<AmiBridge> bridges;

    AmiQueueMembers(List<AmiBridge> bridges) {
        this.bridges = bridges;
    }

    @Override
    public CompletionStage<Void> logIn(String agentInterface, String memberName, List<Seat> queues) {
        return on(bridge -> CompletableFuture.allOf(queues.stream()
                .map(seat -> bridge.agentCommands().login(seat.queue(), agentInterface, memberName, seat.penalty()))
                .toArray(CompletableFuture[]::new)));
    }

    @Override
    public CompletionStage<Void> pause(String agentInterface, String reason) {
        return on(bridge -> bridge.agentCommands().pause(agentInterface, reason).thenApply(r -> null));
    }

    @Override
    public CompletionStage<Void> ready(String agentInterface) {
        return on(bridge -> bridge.agentCommands().ready(agentInterface).thenApply(r -> null));
    }

    @Override
    public CompletionStage<Void> logOut(String agentInterface, List<String> queues) {
        return on(bridge -> CompletableFuture.allOf(queues.stream().map(queue -> bridge.agentCommands().logout(queue, agentInterface))
                .toArray(CompletableFuture[]::new)));
    }

    @Override
    public Optional<String> state(String agentInterface) {
        return bridges.stream().findFirst().map(b -> b.agentState(agentInterface).name().toLowerCase(Locale.ROOT));
    }

    private CompletionStage<Void> on(Function<AmiBridge, CompletableFuture<?>> action) {
        Optional<AmiBridge> bridge = bridges.stream().findFirst();
        if (bridge.isEmpty() || bridge.get().state() == AmiBridge.State.DISCONNECTED) {
            return CompletableFuture.failedFuture(new PbxUnavailable(bridge.isEmpty() ? "no Asterisk server is configured"
                    : "Asterisk " + bridge.get().name() + " cannot be reached now"));
        }
        return action.apply(bridge.get()).handle((x, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof AmiActionException refused) {
                throw new PbxRefused(refused.getMessage());
            }
            if (cause != null) {
                throw new CompletionException(cause);
            }
            return null;
        });
    }
}
