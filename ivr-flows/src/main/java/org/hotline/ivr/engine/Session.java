package org.hotline.ivr.engine;

import org.hotline.ivr.channel.CallChannel;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.services.FlowServices;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The state of one call going through the flows: where it is, its variables, what it did so far. */
final class Session {

    final CallChannel channel;
    final FlowServices services;
    final Clock clock;
    final long id;
    final String language;
    Flow flow;
    final String startFlow;
    final String startVersion;
    final Map<String, String> variables = new HashMap<>();
    final List<String> path = new ArrayList<>();
    final List<KeyPress> keys = new ArrayList<>();
    final Map<String, String> handedOn = new LinkedHashMap<>();
    final List<Long> recordsCreated = new ArrayList<>();
    final List<Long> callbacks = new ArrayList<>();
    final Map<String, Integer> visits = new HashMap<>();
    Outcome ending;
    boolean surveyAnswered;
    /** A key pressed during a barge-in prompt, for the next menu or product choice; null: none. */
    Character typedAhead;

    Session(CallChannel channel, FlowServices services, Clock clock, long id, Flow flow) {
        this.channel = channel;
        this.services = services;
        this.clock = clock;
        this.id = id;
        this.flow = flow;
        this.startFlow = flow.name();
        this.startVersion = flow.version();
        this.language = flow.prompts().languageFor(channel.call().language());
    }

    /** The key typed ahead during a barge-in prompt, if any, now taken. */
    Optional<Character> takeTypedAhead() {
        Optional<Character> key = Optional.ofNullable(typedAhead);
        typedAhead = null;
        return key;
    }

    /** A variable's value: the call's own, a flow setting, or whether a calendar is open now ({@code hours.office}). */
    String get(String name) {
        if (name.startsWith("hours.")) {
            return String.valueOf(services.isOpen(name.substring("hours.".length()), clock.instant()));
        }
        if (name.startsWith("settings.")) {
            return flow.settings().get(name.substring("settings.".length()));
        }
        return variables.get(name);
    }

    void set(String name, Object value) {
        variables.put(name, String.valueOf(value));
    }

    Optional<Long> longValue(String name) {
        String value = variables.get(name);
        try {
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String sound(String prompt) {
        return flow.prompts().sound(prompt, language);
    }

    void pressed(String node, String digits) {
        keys.add(new KeyPress(node, digits, clock.instant()));
    }
}
