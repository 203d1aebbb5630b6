package org.hotline.api.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import org.hotline.events.AgentStateChanged;
import org.hotline.events.CallEvent;
import org.hotline.events.DeskEvent;
import org.hotline.events.EventCodec;
import org.hotline.events.HotlineEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets the typed events travel on a node's Vert.x event bus as they are (records are immutable:
 * a consumer gets the very object); should the bus ever leave the process, they cross it in
 * {@link EventCodec}'s envelope. Between nodes the events go through Redis, also in that envelope.
 */
public final class EventBusCodec implements MessageCodec<HotlineEvent, HotlineEvent> {

    private final String name;

    private EventBusCodec(String name) {
        this.name = name;
    }

    /** Registers the codec for every event type on {@code vertx}'s bus, once. */
    public static synchronized void registerOn(Vertx vertx) {
        List<Class<?>> types = new ArrayList<>(List.of(CallEvent.class.getPermittedSubclasses()));
        types.add(AgentStateChanged.class);
        types.add(DeskEvent.class);
        for (Class<?> type : types) {
            try {
                // one codec per class: Vert.x keeps default codecs by class and by name
                register(vertx, type, new EventBusCodec("hotline-event:" + type.getName()));
            } catch (IllegalStateException alreadyRegistered) {
                return; // registered before on this Vert.x (the server and the API both ask)
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(Vertx vertx, Class<?> type, EventBusCodec codec) {
        vertx.eventBus().registerDefaultCodec((Class) type, (MessageCodec) codec);
    }

    @Override
    public void encodeToWire(Buffer buffer, HotlineEvent event) {
        byte[] bytes = EventCodec.encode(event).getBytes(StandardCharsets.UTF_8);
        buffer.appendInt(bytes.length).appendBytes(bytes);
    }

    @Override
    public HotlineEvent decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        return EventCodec.decode(buffer.getString(pos + 4, pos + 4 + length, StandardCharsets.UTF_8.name()));
    }

    @Override
    public HotlineEvent transform(HotlineEvent event) {
        return event;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
