package org.hotline.server;

import org.hotline.api.desk.QueueMembers;
import org.hotline.bridge.Switchboard;
import org.hotline.bridge.commands.PbxCommand;
import org.hotline.server.cluster.AgentStandings;
import org.hotline.server.cluster.AsteriskCommands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The agent API's queue membership, outgoing calls and callbacks, on any node: each goes to the
 * Asterisk server that has the agent's device, through the node that follows it
 * ({@link AsteriskCommands}); an agent's state is read from the standings every node keeps
 * ({@link AgentStandings}). Failures in the API's terms.
 */
final class AmiQueueMembers implements QueueMembers {

    private final AsteriskCommands commands;
    private final AgentStandings standings;
    private final Function<String, CompletableFuture<String>> serverOf;

    /** @param serverOf the Asterisk server that has a device */
    AmiQueueMembers(AsteriskCommands commands, AgentStandings standings, Function<String, CompletableFuture<String>> serverOf) {
        this.commands = commands;
        this.standings = standings;
        this.serverOf = serverOf;
    }

    @Override
    public CompletionStage<Void> logIn(String agentInterface, String memberName, List<Seat> queues) {
        Map<String, Integer> penalties = new LinkedHashMap<>();
        queues.forEach(seat -> penalties.put(seat.queue(), seat.penalty()));
        return inApiTerms(send(new PbxCommand.LogIn(agentInterface, memberName, penalties)));
    }

    @Override
    public CompletionStage<Void> pause(String agentInterface, String reason) {
        return inApiTerms(send(new PbxCommand.Pause(agentInterface, reason)));
    }

    @Override
    public CompletionStage<Void> ready(String agentInterface) {
        return inApiTerms(send(new PbxCommand.Ready(agentInterface)));
    }

    @Override
    public CompletionStage<Void> logOut(String agentInterface, List<String> queues) {
        return inApiTerms(send(new PbxCommand.LogOut(agentInterface, queues)));
    }

    @Override
    public Optional<String> state(String agentInterface) {
        return standings.of(agentInterface).map(s -> s.state().wireName());
    }

    @Override
    public Optional<Standing> standing(String agentInterface) {
        return standings.of(agentInterface).map(s -> new Standing(s.state().wireName(), s.reason(), Optional.of(s.since()),
                s.wrapUpEndsAt()));
    }

    /** The API's click-to-call line. */
    CompletionStage<Void> call(String device, String number, Map<String, String> variables) {
        return inApiTerms(send(new PbxCommand.Call(device, number, variables)));
    }

    /** The dialer's line: a callback's call for the agent; its outcome (answered, busy, ...). */
    CompletionStage<String> callback(long callbackId, long agentId, String device, String customerNumber) {
        return send(new PbxCommand.Callback(device, callbackId, customerNumber, agentId));
    }

    private CompletableFuture<String> send(PbxCommand command) {
        return serverOf.apply(command.device()).thenCompose(server -> commands.send(server, command));
    }

    private static CompletionStage<Void> inApiTerms(CompletableFuture<String> action) {
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
