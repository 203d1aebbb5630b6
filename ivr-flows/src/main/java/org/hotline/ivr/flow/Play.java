package org.hotline.ivr.flow;

import java.util.List;

/**
 * Plays prompts, then goes on. With {@code bargeIn} the caller may press a key while they play
 * (a caller who knows the menu need not hear it out): the prompts stop and the key is kept for
 * the next menu or product choice.
 */
public record Play(String id, int line, List<String> prompts, boolean bargeIn, String next) implements Node {

    @Override
    public List<String> exits() {
        return List.of(next);
    }
}
