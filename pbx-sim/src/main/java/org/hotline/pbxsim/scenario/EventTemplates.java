package org.hotline.pbxsim.scenario;

import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.pbxsim.AmiTrace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events pbx-sim generates are copies of events a real Asterisk 22 sent (traces 01, 02, 03
 * and, for DTMF, 06), with the values of the call at hand put in: the same header names, in the same order.
 */
final class EventTemplates {

    private final Map<String, AmiMessage> templates;
    private final Map<String, List<AmiMessage>> all;

    private EventTemplates(Map<String, AmiMessage> templates, Map<String, List<AmiMessage>> all) {
        this.templates = templates;
        this.all = all;
    }

    /** Every event of one recording, by name and order of occurrence. */
    static EventTemplates fromTrace(String trace) {
        Map<String, AmiMessage> first = new HashMap<>();
        Map<String, List<AmiMessage>> all = new HashMap<>();
        for (AmiMessage event : AmiTrace.load("asterisk-traces/" + trace + ".ami").events()) {
            first.putIfAbsent(event.getOrEmpty("Event"), event);
            all.computeIfAbsent(event.getOrEmpty("Event"), k -> new ArrayList<>()).add(event);
        }
        return new EventTemplates(Map.copyOf(first), Map.copyOf(all));
    }

    /** The {@code occurrence}-th (from 0) recorded event {@code name}, with {@code values} put in. */
    AmiMessage make(String name, int occurrence, Map<String, String> values) {
        List<AmiMessage> recorded = all.getOrDefault(name, List.of());
        if (occurrence >= recorded.size()) {
            throw new IllegalArgumentException("no recorded " + name + " number " + (occurrence + 1) + " to copy");
        }
        return fill(recorded.get(occurrence), values);
    }

    static EventTemplates fromTraces() {
        Map<String, AmiMessage> templates = new HashMap<>();
        for (String trace : List.of("01-queue-answered", "02-queue-abandoned", "03-ring-no-answer-then-answered",
                "06-ivr-then-queue")) {
            for (AmiMessage event : AmiTrace.load("asterisk-traces/" + trace + ".ami").events()) {
                templates.putIfAbsent(event.getOrEmpty("Event"), event);
            }
        }
        return new EventTemplates(Map.copyOf(templates), Map.of());
    }

    /** The recorded event {@code name} with {@code values} put in (headers the recording lacks are not added). */
    AmiMessage make(String name, Map<String, String> values) {
        AmiMessage template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no recorded " + name + " to copy");
        }
        return fill(template, values);
    }

    private static AmiMessage fill(AmiMessage template, Map<String, String> values) {
        List<AmiMessage.Header> headers = new ArrayList<>();
        for (AmiMessage.Header h : template.headers()) {
            headers.add(values.containsKey(h.name()) ? new AmiMessage.Header(h.name(), values.get(h.name())) : h);
        }
        return new AmiMessage(headers, List.of());
    }
}
