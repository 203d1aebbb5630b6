package org.hotline.server;

import org.hotline.api.desk.QueueMembers;
import org.hotline.bridge.Switchboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** The agent API's queue membership and outgoing calls, wired to cti-bridge's {@link Switchboard}; its failures in the API's terms. */
final class AmiQueueMembers implements QueueMembers {

    private final Switchboard switchboard;

    AmiQueueMembers(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    @Override
    public CompletionStage<Void> logIn(String agentInterface, String memberName, List<Seat> queues) {
        Map<String, Integer> penalties = new LinkedHashMap<>();
        queues.forEach(seat -> penalties.put(seat.queue(), seat.penalty()));
        return inApiTerms(switchboard.logIn(agentInterface, memberName, penalties));
    }

    @Override
    public CompletionStage<Void> pause(String agentInterface, String reason) {
        return inApiTerms(switchboard.pause(agentInterface, reason));
    }

    @Override
    public CompletionStage<Void> ready(String agentInterface) {
        return inApiTerms(switchboard.ready(agentInterface));
    }

    @Override
    public CompletionStage<Void> logOut(String agentInterface, List<String> queues) {
        return inApiTerms(switchboard.logOut(agentInterface, queues));
    }

    @Override
    public Optional<String> state(String agentInterface) {
        return switchboard.state(agentInterface).map(org.hotline.events.AgentState::wireName);
    }

    @Override
    public Optional<Standing> standing(String agentInterface) {
        return switchboard.standing(agentInterface).map(s -> new Standing(s.state().wireName(), s.reason(), Optional.of(s.since()),
                s.wrapUpEndsAt()));
    }

    /** The API's click-to-call line. */
    CompletionStage<Void> call(String device, String number, Map<String, String> variables) {
        return inApiTerms(switchboard.call(device, number, variables));
    }

    private static CompletionStage<Void> inApiTerms(CompletableFuture<Void> action) {
        return action.handle((x, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof Switchboard.Unavailable unavailable) {
                throw new PbxUnavailable(unavailable.getMessage());
            }
            if (cause instanceof Switchboard.Refused refused) {
                throw new PbxRefused(refused.getMessage());
            }
            if (cause != null) {
                throw new CompletionException(cause);
            }
            return null;
        });
    }
}
