package org.hotline.ivr.engine;

import org.hotline.ivr.channel.CallChannel;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.services.FlowServices;
import org.hotline.ivr.services.SessionStart;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The state of one call going through the flows: where it is, its variables, what it did so far. */
final class Session {

    final CallChannel channel;
    final FlowServices services;
    final Clock clock;
    final DeskWait desk;
    final SessionStart start;
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
    /** Whether the flow asked for a record or a callback, written or still to be. */
    boolean recordAsked;
    boolean callbackAsked;
    /** A key pressed during a barge-in prompt, for the next menu or product choice; null: none. */
    Character typedAhead;
    /** The session's writes (its start, records, callbacks, survey answers): its end is written after them. */
    final List<CompletableFuture<?>> writes = new ArrayList<>();
    /** Records and callbacks as their writes complete, in time or after the flow stopped waiting for them (any thread). */
    final Queue<Long> recordsWritten = new ConcurrentLinkedQueue<>();
    final Queue<Long> callbacksWritten = new ConcurrentLinkedQueue<>();
    /** Each survey's response as its last answer's write will give it, so that the next answer joins the same response. */
    final Map<String, CompletableFuture<Optional<Long>>> surveyResponses = new HashMap<>();

    Session(CallChannel channel, FlowServices services, Clock clock, DeskWait desk, SessionStart start, long id, Flow flow) {
        this.channel = channel;
        this.services = services;
        this.clock = clock;
        this.desk = desk;
        this.start = start;
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

    /**
     * A write of this session: the flow waits for it up to the desk wait and goes on either way
     * (empty: not written yet, or failed); {@code whenWritten} notes its result whenever it comes,
     * before the session's end is written.
     */
    <T> CompletableFuture<Optional<T>> write(CompletionStage<T> write, String what, java.util.function.Consumer<? super T> whenWritten) {
        writes.add(write.thenAccept(whenWritten).toCompletableFuture());
        return desk.within(write, what);
    }

    /** A lookup: its answer within the desk wait, else empty (the flow's default branch). */
    <T> CompletableFuture<Optional<T>> lookup(CompletionStage<T> lookup, String what) {
        return desk.within(lookup, what);
    }

    void pressed(String node, String digits) {
        keys.add(new KeyPress(node, digits, clock.instant()));
    }
}
