package org.hotline.desk.events;

/**
 * Where domain events go once stored: the Vert.x event bus in one process, Redis between nodes
 * (wired by the server). An event may be delivered again after a crash; consumers deduplicate
 * by {@link DomainEvent#id()}.
 */
@FunctionalInterface
public interface DomainEventBus {

    void publish(DomainEvent event);
}
