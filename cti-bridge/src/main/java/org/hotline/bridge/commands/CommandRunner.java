package org.hotline.bridge.commands;

import org.hotline.bridge.AmiBridge;
import org.hotline.bridge.Switchboard;
import org.hotline.bridge.callbacks.CallbackDial;
import org.hotline.bridge.callbacks.CallbackPlacement;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Does a {@link PbxCommand} on the bridge of the server this node follows: its answer is empty
 * for a change of membership or a call placed, the outcome (answered, busy, ...) for a callback.
 * Fails with {@link Switchboard.Unavailable} or {@link Switchboard.Refused}.
 */
public final class CommandRunner {

    private final CallbackPlacement callbacks;

    public CommandRunner(CallbackPlacement callbacks) {
        this.callbacks = callbacks;
    }

    public CompletableFuture<String> run(AmiBridge bridge, PbxCommand command) {
        Switchboard board = new Switchboard(bridge);
        return switch (command) {
            case PbxCommand.LogIn in -> done(board.logIn(in.device(), in.memberName(), in.penalties()));
            case PbxCommand.Pause pause -> done(board.pause(pause.device(), pause.reason()));
            case PbxCommand.Ready ready -> done(board.ready(ready.device()));
            case PbxCommand.LogOut out -> done(board.logOut(out.device(), out.queues()));
            case PbxCommand.Call call -> done(board.call(call.device(), call.number(), call.variables()));
            case PbxCommand.Callback callback -> bridge.state() == AmiBridge.State.DISCONNECTED
                    ? CompletableFuture.failedFuture(new Switchboard.Unavailable("Asterisk " + bridge.name() + " cannot be reached now"))
                    : callbacks.place(bridge, CallbackDial.of(callback.callbackId(), callback.device(), callback.customerNumber()),
                            Optional.of(callback.agentId())).thenApply(result -> result.outcome().name().toLowerCase(Locale.ROOT));
        };
    }

    private static CompletableFuture<String> done(CompletableFuture<Void> action) {
        return action.thenApply(x -> "");
    }
}
