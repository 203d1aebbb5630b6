package org.hotline.server.http;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What must be up for the server to take traffic. Each check answers true or false; one that
 * fails or takes longer than the timeout counts as false.
 */
public final class Readiness {

    private final Map<String, Supplier<Future<Boolean>>> checks = new LinkedHashMap<>();
    private final long timeoutMillis;

    public Readiness(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public Readiness check(String name, Supplier<Future<Boolean>> check) {
        checks.put(name, check);
        return this;
    }

    /** Runs every check at once; completes with each check's answer, in the order they were added. */
    public Future<Map<String, Boolean>> evaluate() {
        List<String> names = new ArrayList<>(checks.keySet());
        List<Future<Boolean>> answers = names.stream().map(name -> safely(checks.get(name))).toList();
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
