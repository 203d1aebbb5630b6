package org.hotline.server.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The process's meter registry, with the JVM and system meters every deployment wants. */
public final class ServerMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMetrics() {
        registry.config().commonTags("application", "hotline");
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A write queue's writes waiting, deferred and refused, tagged with its name. */
    public void writeQueue(org.hotline.desk.writes.WriteQueue queue) {
        io.micrometer.core.instrument.Gauge.builder("hotline_db_writes_waiting", queue, org.hotline.desk.writes.WriteQueue::waiting)
                .description("writes given and not yet done (waiting for the database when it takes none)")
                .tag("writer", queue.name()).register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("hotline_db_writes_deferred", queue, org.hotline.desk.writes.WriteQueue::deferred)
                .description("writes that found no connection at first and waited for one").tag("writer", queue.name()).register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("hotline_db_writes_refused", queue, org.hotline.desk.writes.WriteQueue::refused)
                .description("writes refused because as many as database.pending-writes were waiting (lost)")
                .tag("writer", queue.name()).register(registry);
    }

    /** A count that only grows, read from {@code source} when scraped. */
    public <T> void counter(String name, String description, T source, java.util.function.ToDoubleFunction<T> count) {
        io.micrometer.core.instrument.FunctionCounter.builder(name, source, count).description(description).register(registry);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
