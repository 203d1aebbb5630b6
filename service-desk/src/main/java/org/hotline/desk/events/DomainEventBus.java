package org.hotline.desk.events;

import org.hotline.events.DeskEvent;

/**
 * Where domain events go once stored: the Vert.x event bus in one process, Redis between nodes
 * (wired by the server). An event may be delivered again after a crash; consumers deduplicate
 * by {@link DeskEvent#id()}.
 */
@FunctionalInterface
public interface DomainEventBus {

    void publish(DeskEvent event);
}
