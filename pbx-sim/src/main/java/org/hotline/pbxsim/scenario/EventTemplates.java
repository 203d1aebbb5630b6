package org.hotline.pbxsim.scenario;

import org.hotline.pbxsim.wire.AmiFrame;
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

    private final Map<String, AmiFrame> templates;
    private final Map<String, List<AmiFrame>> all;

    private EventTemplates(Map<String, AmiFrame> templates, Map<String, List<AmiFrame>> all) {
        this.templates = templates;
        this.all = all;
    }

    /** Every event of one recording, by name and order of occurrence. */
    static EventTemplates fromTrace(String trace) {
        Map<String, AmiFrame> first = new HashMap<>();
        Map<String, List<AmiFrame>> all = new HashMap<>();
        for (AmiFrame event : AmiTrace.load("asterisk-traces/" + trace + ".ami").events()) {
            first.putIfAbsent(event.getOrEmpty("Event"), event);
            all.computeIfAbsent(event.getOrEmpty("Event"), k -> new ArrayList<>()).add(event);
        }
        return new EventTemplates(Map.copyOf(first), Map.copyOf(all));
    }

    /** The {@code occurrence}-th (from 0) recorded event {@code name}, with {@code values} put in. */
    AmiFrame make(String name, int occurrence, Map<String, String> values) {
        List<AmiFrame> recorded = all.getOrDefault(name, List.of());
        if (occurrence >= recorded.size()) {
            throw new IllegalArgumentException("no recorded " + name + " number " + (occurrence + 1) + " to copy");
        }
        return fill(recorded.get(occurrence), values);
    }

    static EventTemplates fromTraces() {
        Map<String, AmiFrame> templates = new HashMap<>();
        for (String trace : List.of("01-queue-answered", "02-queue-abandoned", "03-ring-no-answer-then-answered",
                "06-ivr-then-queue")) {
            for (AmiFrame event : AmiTrace.load("asterisk-traces/" + trace + ".ami").events()) {
                templates.putIfAbsent(event.getOrEmpty("Event"), event);
            }
        }
        return new EventTemplates(Map.copyOf(templates), Map.of());
    }

    /** The recorded event {@code name} with {@code values} put in (headers the recording lacks are not added). */
    AmiFrame make(String name, Map<String, String> values) {
        AmiFrame template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no recorded " + name + " to copy");
        }
        return fill(template, values);
    }

    private static AmiFrame fill(AmiFrame template, Map<String, String> values) {
        List<AmiFrame.Header> headers = new ArrayList<>();
        for (AmiFrame.Header h : template.headers()) {
            headers.add(values.containsKey(h.name()) ? new AmiFrame.Header(h.name(), values.get(h.name())) : h);
        }
        return new AmiFrame(headers, List.of());
    }
}
