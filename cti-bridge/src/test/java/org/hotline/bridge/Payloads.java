package org.hotline.bridge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hotline.events.EventCodec;
import org.hotline.events.HotlineEvent;

import java.util.Map;

/** An event's payload as its envelope carries it on the wire (what other modules and nodes read). */
final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    static Map<String, Object> of(HotlineEvent event) {
        return JSON.convertValue(EventCodec.toTree(event).get("payload"), new TypeReference<>() { });
    }
}
