package org.hotline.pbxsim.agi;

import java.time.Duration;
import java.util.List;

/**
 * How a simulated caller behaves in a FastAGI session: which script the dialplan asks for and
 * with which arguments ({@code agi_arg_N}), who calls, in which language, what they key in (one
 * entry per GET DATA / WAIT FOR DIGIT: {@code "2"}, {@code "88886666#"}, {@code ""} for
 * silence), how long each prompt takes to play and they take to answer ({@code thinkTime}), and
 * during which command they hang up (-1: never; as in transcript agi-02), and whether they press
 * their next key as soon as a prompt lets them ({@code bargesIn}: a STREAM FILE or SAY DIGITS
 * with escape digits, which Asterisk stops at the key and answers with its ASCII code) rather
 * than after it, when the menu reads.
 */
public record AgiCallScript(String script, String channel, String uniqueid, String callerId, String callerName, List<String> inputs,
                            int hangUpDuringCommand, List<String> arguments, String language, Duration thinkTime, boolean bargesIn) {

    public AgiCallScript(String script, String channel, String uniqueid, String callerId, String callerName, List<String> inputs,
                         int hangUpDuringCommand, List<String> arguments, String language, Duration thinkTime) {
        this(script, channel, uniqueid, callerId, callerName, inputs, hangUpDuringCommand, arguments, language, thinkTime, false);
    }

    public AgiCallScript {
        inputs = List.copyOf(inputs);
        arguments = List.copyOf(arguments);
    }

    /** One key per character of {@code keys}, as in the recorded transcripts. */
    public AgiCallScript(String script, String channel, String uniqueid, String callerId, String callerName, String keys,
                         int hangUpDuringCommand) {
        this(script, channel, uniqueid, callerId, callerName, keys.chars().mapToObj(c -> String.valueOf((char) c)).toList(),
                hangUpDuringCommand, List.of(), "en", Duration.ZERO);
    }

    /** A caller from {@code callerId} into {@code script}, keying in nothing yet. */
    public static AgiCallScript call(String script, String uniqueid, String callerId) {
        return new AgiCallScript(script, "PJSIP/trunk-" + uniqueid.replace('.', '-'), uniqueid, callerId, "Caller", List.of(), -1,
                List.of(), "en", Duration.ZERO);
    }

    public AgiCallScript pressing(String... inputs) {
        return new AgiCallScript(script, channel, uniqueid, callerId, callerName, List.of(inputs), hangUpDuringCommand, arguments,
                language, thinkTime, bargesIn);
    }

    /** The same caller, who knows the keys: each is pressed during the first prompt that can be stopped by it. */
    public AgiCallScript bargingIn() {
        return new AgiCallScript(script, channel, uniqueid, callerId, callerName, inputs, hangUpDuringCommand, arguments, language,
                thinkTime, true);
    }

    public AgiCallScript withArguments(String... arguments) {
        return new AgiCallScript(script, channel, uniqueid, callerId, callerName, inputs, hangUpDuringCommand, List.of(arguments),
                language, thinkTime, bargesIn);
    }

    public AgiCallScript hangingUpDuring(int command) {
        return new AgiCallScript(script, channel, uniqueid, callerId, callerName, inputs, command, arguments, language, thinkTime, bargesIn);
    }

    public AgiCallScript thinking(Duration perPrompt) {
        return new AgiCallScript(script, channel, uniqueid, callerId, callerName, inputs, hangUpDuringCommand, arguments, language,
                perPrompt, bargesIn);
    }
}
