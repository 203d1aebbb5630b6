package org.hotline.ivr.flow;

import java.util.ArrayList;
import java.util.List;

/** Goes to the first case whose condition holds, else to {@code otherwise}. */
public record Branch(String id, int line, List<Case> cases, String otherwise) implements Node {

    public record Case(Condition condition, String target, int line) {
    }

    @Override
    public List<String> exits() {
        List<String> exits = new ArrayList<>(cases.stream().map(Case::target).toList());
        exits.add(otherwise);
        return exits;
    }
}
