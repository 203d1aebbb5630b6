package org.hotline.pbxsim.scenario;

import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.pbxsim.AmiTrace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events pbx-sim generates are copies of events a real Asterisk 22 sent (traces 01, 02 and
 * 03), with the values of the call at hand put in: the same header names, in the same order.
 */
final class EventTemplates {

    private final Map<String, AmiMessage> templates;

    private EventTemplates(Map<String, AmiMessage> templates) {
        this.templates = templates;
    }

    static EventTemplates fromTraces() {
        Map<String, AmiMessage> templates = new HashMap<>();
        for (String trace : List.of("01-queue-answered", "02-queue-abandoned", "03-ring-no-answer-then-answered")) {
            for (AmiMessage event : AmiTrace.load("asterisk-traces/" + trace + ".ami").events()) {
                templates.putIfAbsent(event.getOrEmpty("Event"), event);
            }
        }
        return new EventTemplates(Map.copyOf(templates));
    }

    /** The recorded event {@code name} with {@code values} put in (headers the recording lacks are not added). */
    AmiMessage make(String name, Map<String, String> values) {
        AmiMessage template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no recorded " + name + " to copy");
        }
        List<AmiMessage.Header> headers = new ArrayList<>();
        for (AmiMessage.Header h : template.headers()) {
            headers.add(values.containsKey(h.name()) ? new AmiMessage.Header(h.name(), values.get(h.name())) : h);
        }
        return new AmiMessage(headers, List.of());
    }
}
