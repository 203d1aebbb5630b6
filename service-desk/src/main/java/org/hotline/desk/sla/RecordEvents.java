package org.hotline.desk.sla;

import java.util.Set;

/**
 * The record events the workflows can raise, by record type: what an SLA milestone's stop event
 * is checked against when the policies are read, so that no clock is configured that no step of
 * the work can ever stop.
 */
public interface RecordEvents {

    /** Every record type (a policy without {@code when: {type: ...}} applies to all of them). */
    Set<String> types();

    /** The events a record of {@code type} can raise, by any step or on its own. */
    Set<String> raisable(String type);

    /** Whether policies are checked against these events at all. */
    default boolean checks() {
        return true;
    }

    /** No check: for tools that read a policy file on its own. */
    RecordEvents UNCHECKED = new RecordEvents() {
        @Override
        public Set<String> types() {
            return Set.of();
        }

        @Override
        public Set<String> raisable(String type) {
            return Set.of();
        }

        @Override
        public boolean checks() {
            return false;
        }
    };
}
