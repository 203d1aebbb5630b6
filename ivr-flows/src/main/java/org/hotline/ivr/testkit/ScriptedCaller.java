package org.hotline.ivr.testkit;

import org.hotline.ivr.channel.CallChannel;
import org.hotline.ivr.channel.CallInfo;
import org.hotline.ivr.channel.CallerHungUp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A caller for flow tests: presses the keys given (one entry per prompt that waits for keys,
 * {@code ""} for silence), and may hang up during a chosen channel operation. Keeps a
 * transcript of what the flow did to the call ({@code play hotline/welcome},
 * {@code read hotline/main-menu -> 1}, {@code set HOTLINE_QUEUE=service}, {@code hangup}).
 */
public final class ScriptedCaller implements CallChannel {

    private static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();

    private final CallInfo call;
    private final Deque<String> keys;
    private final int hangUpDuring;
    private final List<String> transcript = new ArrayList<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private int operations;
    private boolean gone;
    private final boolean barging;

    private ScriptedCaller(CallInfo call, List<String> keys, int hangUpDuring, boolean barging) {
        this.barging = barging;
        this.call = call;
        this.keys = new ArrayDeque<>(keys);
        this.hangUpDuring = hangUpDuring;
    }

    /** A caller from {@code number} on the flow {@code flow}, pressing {@code keys} in turn. */
    public static ScriptedCaller calling(String flow, String number, String... keys) {
        int call = CALLS.incrementAndGet();
        return new ScriptedCaller(new CallInfo("default", (System.currentTimeMillis() / 1000) + "." + call,
                "PJSIP/trunk-" + String.format("%08x", call),
                number, "Caller", "en", flow, Map.of()), List.of(keys), -1, false);
    }

    /** The same caller, hanging up during the {@code operation}-th thing the flow does to the call (1 = answer). */
    public ScriptedCaller hangingUpDuring(int operation) {
        return new ScriptedCaller(call, List.copyOf(keys), operation, barging);
    }

    /** The same caller on a channel in another language. */
    public ScriptedCaller speaking(String language) {
        return new ScriptedCaller(new CallInfo(call.server(), call.uniqueid(), call.channel(), call.callerNumber(), call.callerName(),
                language, call.flow(), call.arguments()), List.copyOf(keys), hangUpDuring, barging);
    }

    /** The same caller with AGI arguments ({@code record=42}). */
    public ScriptedCaller withArguments(Map<String, String> arguments) {
        return new ScriptedCaller(new CallInfo(call.server(), call.uniqueid(), call.channel(), call.callerNumber(), call.callerName(),
                call.language(), call.flow(), arguments), List.copyOf(keys), hangUpDuring, barging);
    }

    public List<String> transcript() {
        return List.copyOf(transcript);
    }

    /** Channel variables the flow set (what the dialplan and the queue get). */
    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    /** Keys given that the flow never asked for. */
    public List<String> keysLeft() {
        return List.copyOf(keys);
    }

    /** How many channel operations the flow performed. */
    public int operations() {
        return operations;
    }

    @Override
    public CallInfo call() {
        return call;
    }

    @Override
    public CompletionStage<Void> answer() {
        return operation("answer", () -> null);
    }

    @Override
    public CompletionStage<Void> play(List<String> sounds) {
        return operation("play " + String.join(" ", sounds), () -> null);
    }

    /**
     * Plays until a key: this caller waits for the prompts to end (see {@link #bargingIn()}),
     * unless they barge in, when the next key given is pressed at once.
     */
    @Override
    public CompletionStage<Optional<Character>> playUntilKey(List<String> sounds) {
        return operation("play " + String.join(" ", sounds), this::bargeIn);
    }

    @Override
    public CompletionStage<Optional<Character>> sayDigitsUntilKey(String digits) {
        return operation("say digits " + digits, this::bargeIn);
    }

    /** The same caller, pressing their next key during any prompt that allows it rather than after it. */
    public ScriptedCaller bargingIn() {
        return new ScriptedCaller(call, List.copyOf(keys), hangUpDuring, true);
    }

    private Optional<Character> bargeIn() {
        if (!barging || keys.isEmpty() || keys.peek().length() != 1) {
            return Optional.empty();
        }
        String key = keys.pop();
        transcript.set(transcript.size() - 1, transcript.getLast() + " -> " + key);
        return Optional.of(key.charAt(0));
    }

    @Override
    public CompletionStage<String> read(String sound, Duration timeout, int maxDigits) {
        return operation("read " + sound, () -> {
            String digits = keys.isEmpty() ? "" : keys.pop();
            digits = digits.endsWith("#") ? digits.substring(0, digits.length() - 1) : digits;
            digits = digits.length() > maxDigits ? digits.substring(0, maxDigits) : digits;
            transcript.set(transcript.size() - 1, transcript.getLast() + " -> " + digits);
            return digits;
        });
    }

    @Override
    public CompletionStage<Optional<Character>> waitForKey(Duration timeout) {
        return operation("wait for key", () -> {
            String key = keys.isEmpty() ? "" : keys.pop();
            transcript.set(transcript.size() - 1, transcript.getLast() + " -> " + key);
            return key.isEmpty() ? Optional.empty() : Optional.of(key.charAt(0));
        });
    }

    @Override
    public CompletionStage<Void> sayDigits(String digits) {
        return operation("say digits " + digits, () -> null);
    }

    @Override
    public CompletionStage<Void> sayNumber(long number) {
        return operation("say number " + number, () -> null);
    }

    @Override
    public CompletionStage<Void> setVariable(String name, String value) {
        return operation("set " + name + "=" + value, () -> {
            variables.put(name, value);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> hangUp() {
        return operation("hangup", () -> {
            gone = true;
            return null;
        });
    }

    @Override
    public boolean hungUp() {
        return gone;
    }

    private <T> CompletionStage<T> operation(String what, java.util.function.Supplier<T> result) {
        operations++;
        transcript.add(what);
        if (gone || operations == hangUpDuring) {
            gone = true;
            transcript.set(transcript.size() - 1, transcript.getLast() + " (caller hung up)");
            return CompletableFuture.failedFuture(new CallerHungUp(what));
        }
        return CompletableFuture.completedFuture(result.get());
    }
}
