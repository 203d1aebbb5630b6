package org.hotline.ivr.flow;

import java.util.List;

/** Goes on in another flow (its start node), keeping this call's variables: the main flow hands closed hours to {@code out-of-hours}. */
public record ContinueIn(String id, int line, String flow) implements Node {

    @Override
    public List<String> exits() {
        return List.of();
    }
}
