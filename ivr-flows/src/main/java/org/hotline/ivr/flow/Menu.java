package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays a prompt and takes one key. A key that is not an option plays {@code invalidPrompt} and
 * asks again; so does silence; after {@code attempts} tries the flow goes to {@code onInvalid}
 * or {@code onTimeout}.
 */
public record Menu(String id, int line, String prompt, Map<String, String> options, Duration timeout, int attempts,
                   Optional<String> invalidPrompt, String onTimeout, String onInvalid) implements Node {

    @Override
    public List<String> exits() {
        List<String> exits = new ArrayList<>(options.values());
        exits.add(onTimeout);
        exits.add(onInvalid);
        return exits;
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
