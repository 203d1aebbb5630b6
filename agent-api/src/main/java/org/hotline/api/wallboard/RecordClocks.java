package org.hotline.api.wallboard;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * SLA clocks (a record's milestone) in one condition, at risk or breached, with how many clocks
 * and how many records that is, both kept as clocks come and go: the wallboard asks for the
 * counts with every change it sends, and there may be hundreds of thousands of clocks.
 */
final class RecordClocks {

    private final Map<Long, Set<String>> milestonesByRecord = new HashMap<>();
    private int clocks;

    void add(long record, String milestone) {
        if (milestonesByRecord.computeIfAbsent(record, r -> new HashSet<>(2)).add(milestone)) {
            clocks++;
        }
    }

    void remove(long record, String milestone) {
        Set<String> milestones = milestonesByRecord.get(record);
        if (milestones != null && milestones.remove(milestone)) {
            clocks--;
            if (milestones.isEmpty()) {
                milestonesByRecord.remove(record);
            }
        }
    }

    boolean contains(long record, String milestone) {
        Set<String> milestones = milestonesByRecord.get(record);
        return milestones != null && milestones.contains(milestone);
    }

    int clocks() {
        return clocks;
    }

    int records() {
        return milestonesByRecord.size();
    }
}
