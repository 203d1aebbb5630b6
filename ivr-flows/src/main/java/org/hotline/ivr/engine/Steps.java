package org.hotline.ivr.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Small helpers for chaining a node's channel operations one after another. */
final class Steps {

    private Steps() {
    }

    static CompletionStage<Void> none() {
        return CompletableFuture.completedFuture(null);
    }

    static CompletionStage<String> goTo(String node) {
        return CompletableFuture.completedFuture(node);
    }

    /** Runs each operation after the previous one completed. */
    static CompletionStage<Void> inOrder(List<Supplier<CompletionStage<Void>>> operations) {
        CompletionStage<Void> chain = none();
        for (Supplier<CompletionStage<Void>> operation : operations) {
            chain = chain.thenCompose(x -> operation.get());
        }
        return chain;
    }
}
