package org.hotline.ivr.flow;

import java.util.List;

/** Plays its prompts, if any, and hangs up. */
public record HangUp(String id, int line, List<String> prompts) implements Node {

    @Override
    public List<String> exits() {
        return List.of();
    }
}
