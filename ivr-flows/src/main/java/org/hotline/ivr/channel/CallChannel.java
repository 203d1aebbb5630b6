package org.hotline.ivr.channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The call a flow talks to, without knowing how: FastAGI in production, a scripted caller in
 * tests. Every operation completes later (no thread waits for the caller); one that meets a
 * caller who has hung up completes exceptionally with {@link CallerHungUp}.
 */
public interface CallChannel {

    CallInfo call();

    CompletionStage<Void> answer();

    /** Plays the sounds one after another; the caller cannot interrupt them. */
    CompletionStage<Void> play(List<String> sounds);

    /**
     * Plays the sounds one after another until the caller presses a key (any digit, {@code *}
     * or {@code #}): the playing stops there. The key; empty when they all played out.
     */
    CompletionStage<Optional<Character>> playUntilKey(List<String> sounds);

    /** Reads out {@code digits} one by one until the caller presses a key; the key, empty when all were said. */
    CompletionStage<Optional<Character>> sayDigitsUntilKey(String digits);

    /**
     * Plays {@code sound} and reads up to {@code maxDigits} keys, ended early by {@code #} or by
     * {@code timeout} without a key (Asterisk's GET DATA). Empty when nothing was pressed.
     */
    CompletionStage<String> read(String sound, Duration timeout, int maxDigits);

    /** Waits up to {@code timeout} for one key. */
    CompletionStage<Optional<Character>> waitForKey(Duration timeout);

    CompletionStage<Void> sayDigits(String digits);

    CompletionStage<Void> sayNumber(long number);

    /** Sets a channel variable the dialplan (and the AMI events of this call) will carry. */
    CompletionStage<Void> setVariable(String name, String value);

    CompletionStage<Void> hangUp();

    /** Whether the caller is known to be gone. */
    boolean hungUp();
}
