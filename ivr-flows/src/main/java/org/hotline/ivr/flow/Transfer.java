package org.hotline.ivr.flow;

import java.util.List;

/** Ends the flow by sending the caller to {@code to} (an extension the dialplan dials). */
public record Transfer(String id, int line, Template to) implements Node {

    @Override
    public List<String> exits() {
        return List.of();
    }
}
