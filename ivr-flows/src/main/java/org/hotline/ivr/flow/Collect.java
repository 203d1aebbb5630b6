package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Plays a prompt and reads between {@code minDigits} and {@code maxDigits} keys, ended by
 * {@code #} or silence, into variable {@code into}; input that is too short or does not match
 * {@code pattern} is asked for again, up to {@code attempts} times, then the flow goes to
 * {@code onFail}.
 */
public record Collect(String id, int line, String prompt, String into, int minDigits, int maxDigits, Duration timeout,
                      int attempts, Optional<Pattern> pattern, Optional<String> invalidPrompt, String next, String onFail)
        implements Node {

    @Override
    public List<String> exits() {
        return List.of(next, onFail);
    }

    @Override
    public List<String> prompts() {
        return Node.promptAndRetry(prompt, invalidPrompt);
    }

    @Override
    public boolean takesInput() {
        return true;
    }
}
