package org.hotline.events;

import java.time.Instant;

/**
 * Everything that crosses from one module to another as an event: a call's progress, an agent's
 * change of state, a fact of the service desk. Consumers pattern-match on the sealed types;
 * {@link EventCodec} is the one way to and from the wire.
 */
public sealed interface HotlineEvent permits CallEvent, AgentStateChanged, DeskEvent {

    /** When it happened. */
    Instant at();
}
