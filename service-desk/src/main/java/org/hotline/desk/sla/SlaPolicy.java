package org.hotline.desk.sla;

import java.util.List;

/** A named set of milestones for the records its selector matches, counted on one calendar. */
public record SlaPolicy(String code, String name, PolicySelector selector, String calendar, int rank,
                        List<Milestone> milestones) {

    public SlaPolicy {
        milestones = List.copyOf(milestones);
    }
}
