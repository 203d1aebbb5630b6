package org.hotline.ivr.flow;

import java.util.List;

/** Goes to another node. */
public record Goto(String id, int line, String target) implements Node {

    @Override
    public List<String> exits() {
        return List.of(target);
    }
}
