package org.hotline.ivr.flow;

import java.util.List;
import java.util.Map;

/** Sets flow variables. */
public record SetVariables(String id, int line, Map<String, Template> values, String next) implements Node {

    @Override
    public List<String> exits() {
        return List.of(next);
    }
}
