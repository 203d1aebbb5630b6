package org.hotline.ivr.flow;

import java.util.List;

/** Plays prompts, then goes on. */
public record Play(String id, int line, List<String> prompts, String next) implements Node {

    @Override
    public List<String> exits() {
        return List.of(next);
    }
}
