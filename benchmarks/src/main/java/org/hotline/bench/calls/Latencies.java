package org.hotline.bench.calls;

import java.util.ArrayList;
import java.util.List;

/** Percentiles of latencies in nanoseconds, and the line the benchmarks print for them. */
final class Latencies {

    private Latencies() {
    }

    static List<Long> sorted(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted;
    }

    /** The {@code p} percentile (0 to 1) of {@code sorted}, nearest rank; 0 when empty. */
    static long at(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p * sorted.size()) - 1)));
    }

    static void report(String what, List<Long> nanos) {
        List<Long> sorted = sorted(nanos);
        if (sorted.isEmpty()) {
            System.out.printf("%-32s no sample%n", what);
            return;
        }
        System.out.printf("%-32s %,7d   p50 %7.2f ms   p99 %7.2f ms   max %8.2f ms%n", what, sorted.size(),
                at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6, sorted.getLast() / 1e6);
    }
}
