package org.hotline.ivr.flow;

import java.util.List;

/** Sets {@code into} to the expected wait in seconds in queue {@code queue}, as the PBX's live state tells it. */
public record EstimateWait(String id, int line, Template queue, String into, String next) implements Node {

    @Override
    public List<String> exits() {
        return List.of(next);
    }
}
