package org.hotline.server.http;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What must be up for the server to take traffic, and what it can do without. Each check
 * answers true or false; one that fails or takes longer than the timeout counts as false. A
 * {@link #check critical} check down means the node cannot serve (DOWN); another one down means
 * it serves with less (DEGRADED: an Asterisk's link, the timers behind).
 */
public final class Readiness {

    /** The node's state: serving, serving with less, or not serving. */
    public enum Status { UP, DEGRADED, DOWN }

    private final Map<String, Supplier<Future<Boolean>>> checks = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final java.util.Set<String> critical = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final long timeoutMillis;

    public Readiness(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** A critical check: the node cannot serve without it. */
    public Readiness check(String name, Supplier<Future<Boolean>> check) {
        critical.add(name);
        checks.put(name, check);
        return this;
    }

    /** A check the node can serve without, with less (it is then DEGRADED); may be added while the node runs. */
    public Readiness degradedWithout(String name, Supplier<Future<Boolean>> check) {
        checks.put(name, check);
        return this;
    }

    /** What the answers of {@link #evaluate} make of the node. */
    public Status status(Map<String, Boolean> answers) {
        if (answers.isEmpty() || answers.entrySet().stream().anyMatch(e -> !e.getValue() && critical.contains(e.getKey()))) {
            return Status.DOWN;
        }
        return answers.values().stream().allMatch(ok -> ok) ? Status.UP : Status.DEGRADED;
    }

    /** Runs every check at once; completes with each check's answer, in the order they were added. */
    public Future<Map<String, Boolean>> evaluate() {
        Map<String, Supplier<Future<Boolean>>> now;
        synchronized (checks) {
            now = new LinkedHashMap<>(checks);
        }
        List<String> names = new ArrayList<>(now.keySet());
        List<Future<Boolean>> answers = names.stream().map(name -> safely(now.get(name))).toList();
        return Future.join(answers).transform(ignored -> {
            Map<String, Boolean> result = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                Future<Boolean> answer = answers.get(i);
                result.put(names.get(i), answer.succeeded() && Boolean.TRUE.equals(answer.result()));
            }
            return Future.succeededFuture(result);
        });
    }

    private Future<Boolean> safely(Supplier<Future<Boolean>> check) {
        try {
            return check.get().timeout(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
