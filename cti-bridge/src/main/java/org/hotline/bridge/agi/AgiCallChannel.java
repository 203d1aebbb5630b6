package org.hotline.bridge.agi;

import org.hotline.bridge.agi.wire.AgiReply;
import org.hotline.ivr.channel.CallChannel;
import org.hotline.ivr.channel.CallInfo;
import org.hotline.ivr.channel.CallerHungUp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A flow's call over FastAGI: each operation is one or more AGI commands (STREAM FILE, GET DATA,
 * WAIT FOR DIGIT, SAY DIGITS, SET VARIABLE, ...). Once Asterisk has said {@code HANGUP}, or
 * answers {@code 511}, or GET DATA / WAIT FOR DIGIT return -1, every operation fails with
 * {@link CallerHungUp}; a 510 or 520 answer is a bug in what we sent and fails the flow.
 */
public final class AgiCallChannel implements CallChannel {

    private final AgiSession session;
    private final CallInfo call;

    public AgiCallChannel(AgiSession session, String server) {
        this.session = session;
        this.call = callInfo(session, server);
    }

    static CallInfo callInfo(AgiSession session, String server) {
        var request = session.request();
        Map<String, String> arguments = new LinkedHashMap<>();
        for (int i = 1; request.get("arg_" + i).isPresent(); i++) {
            String arg = request.get("arg_" + i).orElseThrow();
            int eq = arg.indexOf('=');
            if (eq > 0) {
                arguments.put(arg.substring(0, eq).trim(), arg.substring(eq + 1).trim());
            } else {
                arguments.put(String.valueOf(i), arg);
            }
        }
        return new CallInfo(server, request.uniqueid(), request.channel(), request.callerId().equals("unknown") ? "" : request.callerId(),
                request.get("calleridname").filter(n -> !n.equals("unknown")).orElse(""), request.get("language").orElse("en"),
                request.script(), arguments);
    }

    @Override
    public CallInfo call() {
        return call;
    }

    @Override
    public CompletionStage<Void> answer() {
        return command("ANSWER").thenApply(r -> null);
    }

    @Override
    public CompletionStage<Void> play(List<String> sounds) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (String sound : sounds) {
            chain = chain.thenCompose(x -> command(() -> "STREAM FILE " + AgiArguments.sound(sound) + " \"\"")).thenApply(r -> null);
        }
        return chain;
    }

    /** The keys that stop a barge-in prompt: every key a menu may take. */
    private static final String ANY_KEY = "\"0123456789*#\"";

    @Override
    public CompletionStage<Optional<Character>> playUntilKey(List<String> sounds) {
        CompletionStage<Optional<Character>> chain = CompletableFuture.completedFuture(Optional.empty());
        for (String sound : sounds) {
            chain = chain.thenCompose(key -> key.isPresent() ? CompletableFuture.completedFuture(key)
                    : command(() -> "STREAM FILE " + AgiArguments.sound(sound) + " " + ANY_KEY).thenApply(r -> keyOf(r, "STREAM FILE")));
        }
        return chain;
    }

    @Override
    public CompletionStage<Optional<Character>> sayDigitsUntilKey(String digits) {
        return command(() -> "SAY DIGITS " + AgiArguments.digits(digits) + " " + ANY_KEY).thenApply(r -> keyOf(r, "SAY DIGITS"));
    }

    /** STREAM FILE's and SAY DIGITS' answer: 0 when it played out, the key's ASCII code when one stopped it, -1 when the caller hung up. */
    private static Optional<Character> keyOf(AgiReply reply, String verb) {
        int code = reply.resultOrZero();
        if (code < 0) {
            throw new CallerHungUp(verb);
        }
        return code == 0 ? Optional.empty() : Optional.of((char) code);
    }

    @Override
    public CompletionStage<String> read(String sound, Duration timeout, int maxDigits) {
        return command(() -> "GET DATA " + AgiArguments.sound(sound) + " " + timeout.toMillis() + " " + maxDigits).thenApply(reply -> {
            String digits = reply.resultText();
            if (digits.equals("-1")) {
                throw new CallerHungUp("GET DATA");
            }
            return digits;
        });
    }

    @Override
    public CompletionStage<Optional<Character>> waitForKey(Duration timeout) {
        return command("WAIT FOR DIGIT " + timeout.toMillis()).thenApply(reply -> {
            int code = reply.resultOrZero();
            if (code < 0) {
                throw new CallerHungUp("WAIT FOR DIGIT");
            }
            return code == 0 ? Optional.empty() : Optional.of((char) code);
        });
    }

    @Override
    public CompletionStage<Void> sayDigits(String digits) {
        return command(() -> "SAY DIGITS " + AgiArguments.digits(digits) + " \"\"").thenApply(r -> null);
    }

    @Override
    public CompletionStage<Void> sayNumber(long number) {
        return command("SAY NUMBER " + number + " \"\"").thenApply(r -> null);
    }

    @Override
    public CompletionStage<Void> setVariable(String name, String value) {
        return command(() -> "SET VARIABLE " + AgiArguments.variable(name) + " " + AgiArguments.quoted("variable " + name, value))
                .thenApply(r -> null);
    }

    @Override
    public CompletionStage<Void> hangUp() {
        return command("HANGUP").thenApply(r -> null);
    }

    @Override
    public boolean hungUp() {
        return session.hungUp();
    }

    /** A command whose arguments are checked as it is built: one that is refused fails the step, and nothing is written. */
    private CompletionStage<AgiReply> command(java.util.function.Supplier<String> build) {
        String command;
        try {
            command = build.get();
        } catch (org.hotline.bridge.wire.WireText.Refused refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return command(command);
    }

    private CompletionStage<AgiReply> command(String command) {
        if (session.hungUp()) {
            return CompletableFuture.failedFuture(new CallerHungUp(verb(command)));
        }
        return session.command(command).handle((reply, failure) -> {
            if (failure instanceof org.hotline.bridge.wire.WireText.Refused refused) {
                throw refused;
            }
            if (failure != null) {
                // the connection went away: Asterisk closes it when the channel is gone
                throw new CallerHungUp(verb(command) + " (" + failure.getMessage() + ")");
            }
            if (reply.isDeadChannel()) {
                throw new CallerHungUp(verb(command));
            }
            if (!reply.isSuccess()) {
                throw new IllegalStateException("Asterisk refused '" + command + "': " + reply.line());
            }
            return reply;
        });
    }

    private static String verb(String command) {
        String[] words = command.split(" ");
        return words.length > 1 && words[0].matches("GET|SET|STREAM|WAIT|SAY") ? words[0] + " " + words[1] : words[0];
    }
}
